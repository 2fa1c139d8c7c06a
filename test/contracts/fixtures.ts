/**
 * Plan drafts for the contract tests: three API-bearing drafts of different shapes and one with
 * no API. Built from one base so each test states only what it is about.
 */
import type { PlanDraftInput } from '../../src/domain/draft.js';

export function baseDraft(changeId: string, extra: Partial<PlanDraftInput> = {}): PlanDraftInput {
  return {
    changeId,
    title: `Change ${changeId}`,
    request: `Implement ${changeId}`,
    why: 'Teams need this capability to stop tracking the same work in spreadsheets and chat threads.',
    whatChanges: ['Add the capability'],
    impact: { specs: [], code: [] },
    capabilities: [
      {
        name: 'core',
        title: 'Core',
        requirements: [{ name: 'Works', text: 'The system SHALL work.', scenarios: [{ name: 'ok', when: 'called', then: 'works' }] }],
      },
    ],
    ...extra,
  };
}

/** Tasks API with bearer auth, projects referenced by tasks, inline request fields, a list endpoint. */
export function tasksDraft(): PlanDraftInput {
  return baseDraft('add-tasks-api', {
    title: 'Tasks API',
    auth: 'bearer',
    entities: [
      {
        name: 'Project',
        table: 'projects',
        description: 'A group of tasks.',
        fields: [
          { name: 'name', type: 'string', maxLength: 120, unique: true },
          { name: 'created_at', type: 'datetime' },
        ],
      },
      {
        name: 'Task',
        table: 'tasks',
        fields: [
          { name: 'project_id', type: 'uuid', references: 'Project' },
          { name: 'title', type: 'string', maxLength: 200 },
          { name: 'status', type: 'string', enum: ['open', 'in_progress', 'done'] },
          { name: 'due_date', type: 'date', required: false },
          { name: 'assignee_email', type: 'email', required: false },
          { name: 'priority', type: 'integer' },
          { name: 'created_at', type: 'datetime' },
        ],
        indexes: [{ fields: ['status', 'due_date'] }],
      },
    ],
    operations: [
      { operationId: 'listTasks', method: 'GET', path: '/tasks', summary: 'List tasks', responseEntity: 'Task', responseList: true, auth: true, capability: 'core',
        parameters: [{ name: 'status', in: 'query', type: 'string', required: false }] },
      { operationId: 'createTask', method: 'POST', path: '/tasks', summary: 'Create a task', requestEntity: 'Task', responseEntity: 'Task', auth: true, capability: 'core' },
      { operationId: 'getTask', method: 'GET', path: '/tasks/{id}', summary: 'Get a task', responseEntity: 'Task', auth: true,
        parameters: [{ name: 'id', in: 'path', type: 'uuid' }] },
      { operationId: 'updateTask', method: 'PATCH', path: '/tasks/{id}', summary: 'Update a task', requestEntity: 'Task', responseEntity: 'Task', auth: true,
        parameters: [{ name: 'id', in: 'path', type: 'uuid' }] },
      { operationId: 'deleteTask', method: 'DELETE', path: '/tasks/{id}', summary: 'Delete a task', auth: true,
        parameters: [{ name: 'id', in: 'path', type: 'uuid' }] },
      { operationId: 'assignTask', method: 'POST', path: '/tasks/{id}/assign', summary: 'Assign a task', responseEntity: 'Task', auth: true,
        parameters: [{ name: 'id', in: 'path', type: 'uuid' }],
        requestFields: [{ name: 'assignee_email', type: 'email' }, { name: 'note', type: 'text', required: false }] },
    ],
  });
}

/** Inventory API with an API key, decimal prices, json attributes, a cycle-free FK chain and events. */
export function inventoryDraft(): PlanDraftInput {
  return baseDraft('add-inventory', {
    title: 'Inventory API',
    auth: 'apiKey',
    entities: [
      {
        name: 'Warehouse',
        table: 'warehouses',
        fields: [
          { name: 'code', type: 'string', maxLength: 16, unique: true },
          { name: 'city', type: 'string' },
        ],
      },
      {
        name: 'Product',
        table: 'products',
        fields: [
          { name: 'sku', type: 'string', maxLength: 32, unique: true },
          { name: 'name', type: 'string' },
          { name: 'price', type: 'decimal' },
          { name: 'weight', type: 'number', required: false },
          { name: 'attributes', type: 'json', required: false },
          { name: 'active', type: 'boolean' },
        ],
      },
      {
        name: 'StockLevel',
        table: 'stock_levels',
        primaryKey: ['warehouse_code', 'product_sku'],
        fields: [
          { name: 'warehouse_code', type: 'string', references: 'Warehouse.code' },
          { name: 'product_sku', type: 'string', references: 'products.sku' },
          { name: 'quantity', type: 'integer' },
          { name: 'reorder_at', type: 'bigint', required: false },
          { name: 'updated_at', type: 'datetime' },
        ],
      },
    ],
    operations: [
      { operationId: 'listProducts', method: 'GET', path: '/products', summary: 'List products', responseEntity: 'Product', responseList: true,
        parameters: [{ name: 'limit', in: 'query', type: 'integer', required: false }] },
      { operationId: 'createProduct', method: 'POST', path: '/products', summary: 'Create a product', requestEntity: 'Product', responseEntity: 'Product', auth: true },
      { operationId: 'getProduct', method: 'GET', path: '/products/{sku}', summary: 'Get a product', responseEntity: 'Product',
        parameters: [{ name: 'sku', in: 'path', type: 'string' }] },
      { operationId: 'replaceProduct', method: 'PUT', path: '/products/{sku}', summary: 'Replace a product', requestEntity: 'Product', responseEntity: 'Product', auth: true,
        parameters: [{ name: 'sku', in: 'path', type: 'string' }] },
      { operationId: 'adjustStock', method: 'POST', path: '/warehouses/{code}/stock', summary: 'Adjust stock', responseEntity: 'StockLevel', successStatus: 200, auth: true,
        parameters: [{ name: 'code', in: 'path', type: 'string' }],
        requestFields: [{ name: 'product_sku', type: 'string' }, { name: 'delta', type: 'integer' }, { name: 'reason', type: 'string', enum: ['count', 'sale', 'return'] }] },
    ],
    events: [
      { name: 'stock.adjusted', description: 'Stock of a product changed in a warehouse.', fields: [
        { name: 'warehouse_code', type: 'string' }, { name: 'product_sku', type: 'string' }, { name: 'delta', type: 'integer' },
        { name: 'occurred_at', type: 'datetime' }] },
      { name: 'product.price.changed', description: 'A product got a new price.', version: 2, fields: [
        { name: 'sku', type: 'string' }, { name: 'old_price', type: 'decimal' }, { name: 'new_price', type: 'decimal' },
        { name: 'currency', type: 'string', enum: ['EUR', 'USD'] }] },
    ],
  });
}

/** Notifications API with OAuth2, url and json fields, a self-reference and a Python-keyword event field. */
export function notificationsDraft(): PlanDraftInput {
  return baseDraft('add-notifications', {
    title: 'Notifications API',
    auth: 'oauth2',
    entities: [
      {
        name: 'Notification',
        table: 'notifications',
        fields: [
          { name: 'recipient', type: 'email' },
          { name: 'channel', type: 'string', enum: ['email', 'sms', 'push'] },
          { name: 'sender', type: 'string', description: 'Sender shown to the recipient.' },
          { name: 'body', type: 'text' },
          { name: 'link', type: 'url', required: false },
          { name: 'payload', type: 'json', required: false },
          { name: 'read', type: 'boolean' },
          { name: 'replaces_id', type: 'uuid', required: false, references: 'Notification' },
          { name: 'sent_at', type: 'datetime', required: false },
        ],
      },
      {
        name: 'Subscription',
        table: 'subscriptions',
        fields: [
          { name: 'topic', type: 'string', maxLength: 64 },
          { name: 'endpoint', type: 'url' },
          { name: 'secret', type: 'string', required: false },
        ],
        indexes: [{ fields: ['topic', 'endpoint'], unique: true }],
      },
    ],
    operations: [
      { operationId: 'sendNotification', method: 'POST', path: '/notifications', summary: 'Send a notification', requestEntity: 'Notification', responseEntity: 'Notification', successStatus: 202, auth: true },
      { operationId: 'listNotifications', method: 'GET', path: '/notifications', summary: 'List notifications', responseEntity: 'Notification', responseList: true, auth: true,
        parameters: [{ name: 'recipient', in: 'query', type: 'email', required: true }, { name: 'since', in: 'query', type: 'datetime', required: false }] },
      { operationId: 'markRead', method: 'POST', path: '/notifications/{id}/read', summary: 'Mark as read', auth: true,
        parameters: [{ name: 'id', in: 'path', type: 'uuid' }] },
      { operationId: 'subscribe', method: 'POST', path: '/subscriptions', summary: 'Subscribe a webhook', requestEntity: 'Subscription', responseEntity: 'Subscription', auth: true },
      { operationId: 'health', method: 'GET', path: '/health', summary: 'Liveness probe', requestFields: undefined },
    ],
    events: [
      { name: 'notification.sent', description: 'A notification left the system.', fields: [
        { name: 'notification_id', type: 'uuid', references: 'Notification' }, { name: 'channel', type: 'string', enum: ['email', 'sms', 'push'] },
        { name: 'sent_at', type: 'datetime' }, { name: 'link', type: 'url', required: false },
        { name: 'from', type: 'string', description: 'Python keyword: the model needs an alias.' }] },
    ],
  });
}

/** A change with entities but no HTTP API: minimal OpenAPI, SQL and models still generated. */
export function noApiDraft(): PlanDraftInput {
  return baseDraft('add-audit-table', {
    title: 'Audit table',
    entities: [{ name: 'AuditEntry', table: 'audit_entries', fields: [{ name: 'actor', type: 'string' }, { name: 'at', type: 'datetime' }] }],
  });
}

export const API_DRAFTS = { tasks: tasksDraft, inventory: inventoryDraft, notifications: notificationsDraft } as const;
