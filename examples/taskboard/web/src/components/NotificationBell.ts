import type { Notification } from '../../../src/shared/types.js';
import { escapeHtml } from './html.js';

/** Header bell with the unread notification count and a dropdown list. */
export function NotificationBell(notifications: Notification[]): string {
  const unread = notifications.filter((n) => !n.read);
  const items = unread.map((n) => `<li data-kind="${n.kind}">${escapeHtml(n.message)}</li>`).join('');
  return `<div class="notification-bell"><button aria-label="Notifications">🔔 ${unread.length}</button><ul>${items}</ul></div>`;
}
