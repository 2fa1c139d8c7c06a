export type { Task, TaskStatus, User, Notification } from './types.js';
