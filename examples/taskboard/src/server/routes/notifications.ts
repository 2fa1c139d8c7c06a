import type { Router } from '../router.js';
import type { NotificationService } from '../services/notificationService.js';

/** Notification endpoints: /api/users/:userId/notifications */
export function registerNotificationRoutes(router: Router, notifications: NotificationService): void {
  router
    .add('GET', '/api/users/:userId/notifications', ({ params, query }) => ({
      status: 200,
      body: notifications.listForUser(Number(params.userId), query.get('unread') === 'true'),
    }))
    .add('POST', '/api/notifications/:id/read', ({ params }) => ({
      status: notifications.markRead(Number(params.id)) ? 204 : 404,
    }));
}
