export { TaskCard } from './TaskCard.js';
export { TaskColumn } from './TaskColumn.js';
export { NotificationBell } from './NotificationBell.js';
export { escapeHtml } from './html.js';
