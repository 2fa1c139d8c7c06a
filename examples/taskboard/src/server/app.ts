import { createServer, type Server } from 'node:http';
import { createMemoryStore, type Store } from './db/store.js';
import { buildRouter } from './routes/index.js';
import { NotificationService } from './services/notificationService.js';
import { TaskService } from './services/taskService.js';
import { UserService } from './services/userService.js';

export function createApp(store: Store = createMemoryStore()): Server {
  const notifications = new NotificationService(store);
  const router = buildRouter({
    tasks: new TaskService(store, notifications),
    users: new UserService(store),
    notifications,
  });
  return createServer((req, res) => {
    void router.handle(req, res);
  });
}
