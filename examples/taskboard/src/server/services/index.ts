export { TaskService, ValidationError, type CreateTaskInput } from './taskService.js';
export { UserService, hashPassword, verifyPassword } from './userService.js';
export { NotificationService } from './notificationService.js';
