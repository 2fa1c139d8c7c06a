import { Router } from '../router.js';
import type { NotificationService } from '../services/notificationService.js';
import type { TaskService } from '../services/taskService.js';
import type { UserService } from '../services/userService.js';
import { registerNotificationRoutes } from './notifications.js';
import { registerTaskRoutes } from './tasks.js';
import { registerUserRoutes } from './users.js';

export interface Services {
  tasks: TaskService;
  users: UserService;
  notifications: NotificationService;
}

/** Route registry: every endpoint group is registered here. */
export function buildRouter(services: Services): Router {
  const router = new Router();
  registerTaskRoutes(router, services.tasks);
  registerUserRoutes(router, services.users);
  registerNotificationRoutes(router, services.notifications);
  router.add('GET', '/healthz', () => ({ status: 200, body: { ok: true } }));
  return router;
}
