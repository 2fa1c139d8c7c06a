/**
 * Route, entity and migration shapes of the frameworks the repository model reads, each in a
 * small repository written here and read with the real parsers (tree-sitter, PostgreSQL's
 * parser): routers with prefixes and mounts across files, groups, file-system routers, ORM
 * classes and migrations applied in order.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gatherModel, readModel } from '../../src/activities/context/model-facet.js';
import { commitAsRepository } from '../../src/examples/prepare.js';
import type { RepositoryModel } from '../../src/domain/repository-model/types.js';

async function modelFrom(files: Record<string, string>): Promise<RepositoryModel> {
  const repoDir = join(mkdtempSync(join(tmpdir(), 'pp-frameworks-')), 'repo');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repoDir, path)), { recursive: true });
    writeFileSync(join(repoDir, path), text);
  }
  await commitAsRepository(repoDir, 'fixture');
  const result = await gatherModel({ facet: 'model', repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-frameworks-run-')), request: 'x' });
  return readModel(result.ref);
}

const routes = (m: RepositoryModel) => m.routes.map((r) => `${r.method} ${r.path}`).sort();

describe('routes', () => {
  it('Flask: blueprint url_prefix, register_blueprint prefix and route methods', async () => {
    const m = await modelFrom({
      'shop/__init__.py': 'from flask import Flask\nfrom shop.orders import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix="/api")\n',
      'shop/orders.py': 'from flask import Blueprint\n\nbp = Blueprint("orders", __name__, url_prefix="/orders")\n\n@bp.route("/<int:order_id>", methods=["GET", "DELETE"])\ndef order(order_id):\n    return {}\n\n@bp.post("/")\ndef create():\n    return {}\n',
    });
    assert.deepEqual(routes(m), ['DELETE /api/orders/{order_id}', 'GET /api/orders/{order_id}', 'POST /api/orders/']);
  });

  it('Django: urlpatterns with include() chains and path converters', async () => {
    const m = await modelFrom({
      'site/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("api/", include("shop.urls")),\n]\n',
      'shop/urls.py': 'from django.urls import path, re_path\nfrom . import views\n\nurlpatterns = [\n    path("items/<int:pk>/", views.item_detail, name="item"),\n    re_path(r"^items/(?P<slug>[-\\w]+)/edit/$", views.item_edit),\n]\n',
      'shop/views.py': 'def item_detail(request, pk):\n    pass\n\ndef item_edit(request, slug):\n    pass\n',
    });
    assert.deepEqual(routes(m), ['ANY /api/items/{pk}/', 'ANY /api/items/{slug}/edit/']);
    assert.equal(m.routes.find((r) => r.path === '/api/items/{pk}/')?.handler, 'views.item_detail');
  });

  it('Express: a router module mounted under a prefix in another file', async () => {
    const m = await modelFrom({
      'src/app.js': "const express = require('express');\nconst items = require('./routes/items');\nconst app = express();\napp.use('/api/items', items);\nmodule.exports = app;\n",
      'src/routes/items.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/', list);\nrouter.get('/:id', show);\nrouter.delete('/:id', remove);\nfunction list() {}\nfunction show() {}\nfunction remove() {}\nmodule.exports = router;\n",
    });
    assert.deepEqual(routes(m), ['DELETE /api/items/{id}', 'GET /api/items', 'GET /api/items/{id}']);
  });

  it('NestJS: controller prefix and method decorators', async () => {
    const m = await modelFrom({
      'src/cats.controller.ts': "import { Controller, Get, Post, Param } from '@nestjs/common';\n\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  findAll() { return []; }\n\n  @Get(':id')\n  findOne(@Param('id') id: string) { return id; }\n\n  @Post()\n  create() { return {}; }\n}\n",
    });
    assert.deepEqual(routes(m), ['GET /cats', 'GET /cats/{id}', 'POST /cats']);
  });

  it('chi: Route closures and Mount of a sub-router built by a function', async () => {
    const m = await modelFrom({
      'go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Route("/items", func(r chi.Router) {\n\t\tr.Get("/", listItems)\n\t\tr.Get("/{id}", getItem)\n\t})\n\tr.Mount("/admin", adminRouter())\n\thttp.ListenAndServe(":3000", r)\n}\n\nfunc adminRouter() http.Handler {\n\tr := chi.NewRouter()\n\tr.Post("/users", createUser)\n\treturn r\n}\n\nfunc listItems(w http.ResponseWriter, r *http.Request)  {}\nfunc getItem(w http.ResponseWriter, r *http.Request)    {}\nfunc createUser(w http.ResponseWriter, r *http.Request) {}\n',
    });
    assert.deepEqual(routes(m), ['GET /items/', 'GET /items/{id}', 'POST /admin/users']);
  });

  it('echo groups, gorilla/mux subrouters with Methods(), and Go 1.22 ServeMux patterns', async () => {
    const m = await modelFrom({
      'go.mod': 'module example.com/svc\n\ngo 1.22\n',
      'echo.go': 'package main\n\nimport "github.com/labstack/echo/v4"\n\nfunc echoRoutes(e *echo.Echo) {\n\tg := e.Group("/api")\n\tv1 := g.Group("/v1")\n\tv1.GET("/memos/:id", getMemo)\n\tv1.POST("/memos", createMemo)\n}\n',
      'mux.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/gorilla/mux"\n)\n\nfunc muxRoutes() *mux.Router {\n\trouter := mux.NewRouter()\n\tsr := router.PathPrefix("/v1").Subrouter()\n\tsr.HandleFunc("/feeds", getFeeds).Methods(http.MethodGet)\n\tsr.HandleFunc("/feeds/{feedID}", updateFeed).Methods(http.MethodPut)\n\treturn router\n}\n',
      'std.go': 'package main\n\nimport "net/http"\n\nfunc stdRoutes() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("GET /healthz", health)\n\tmux.HandleFunc("DELETE /items/{id}", deleteItem)\n}\n',
      'handlers.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/labstack/echo/v4"\n)\n\nfunc getMemo(c echo.Context) error    { return nil }\nfunc createMemo(c echo.Context) error { return nil }\nfunc getFeeds(w http.ResponseWriter, r *http.Request)   {}\nfunc updateFeed(w http.ResponseWriter, r *http.Request) {}\nfunc health(w http.ResponseWriter, r *http.Request)     {}\nfunc deleteItem(w http.ResponseWriter, r *http.Request) {}\n',
    });
    assert.deepEqual(routes(m), ['DELETE /items/{id}', 'GET /api/v1/memos/{id}', 'GET /healthz', 'GET /v1/feeds', 'POST /api/v1/memos', 'PUT /v1/feeds/{feedID}']);
  });
});

describe('entities', () => {
  it('SQLAlchemy declarative models and Django models with their tables, keys and relations', async () => {
    const m = await modelFrom({
      'app/db.py': 'from sqlalchemy import Column, ForeignKey, Integer, String\nfrom sqlalchemy.orm import declarative_base, relationship\n\nBase = declarative_base()\n\nclass Author(Base):\n    __tablename__ = "authors"\n    id = Column(Integer, primary_key=True)\n    name = Column(String(80), nullable=False, unique=True)\n    books = relationship("Book", back_populates="author")\n\nclass Book(Base):\n    __tablename__ = "books"\n    id = Column(Integer, primary_key=True)\n    author_id = Column(Integer, ForeignKey("authors.id"))\n    author = relationship("Author", back_populates="books")\n',
      'library/models.py': 'from django.db import models\n\nclass Shelf(models.Model):\n    label = models.CharField(max_length=40, unique=True)\n\nclass Loan(models.Model):\n    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)\n    due = models.DateField(null=True)\n\n    class Meta:\n        db_table = "loans"\n',
    });
    const author = m.entities.find((e) => e.name === 'Author')!;
    assert.equal(author.table, 'authors');
    assert.deepEqual(author.fields.map((f) => [f.name, f.primaryKey ?? false, f.unique ?? false]), [['id', true, false], ['name', false, true]]);
    assert.deepEqual(author.relations, [{ name: 'books', target: 'Book', many: false }]);
    assert.equal(m.entities.find((e) => e.name === 'Book')?.fields.find((f) => f.name === 'author_id')?.references, 'authors.id');
    assert.equal(m.entities.find((e) => e.name === 'Shelf')?.table, 'library_shelf', "Django's default table: <app>_<model>");
    const loan = m.entities.find((e) => e.name === 'Loan')!;
    assert.equal(loan.table, 'loans');
    assert.equal(loan.fields.find((f) => f.name === 'shelf')?.references, 'Shelf');
    assert.equal(loan.fields.find((f) => f.name === 'due')?.nullable, true);
  });

  it('TypeORM entities, Drizzle tables and Sequelize models', async () => {
    const m = await modelFrom({
      'src/entities/Account.ts': "import { Entity, PrimaryGeneratedColumn, Column, OneToMany } from 'typeorm';\n\n@Entity('accounts')\nexport class Account {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @Column({ unique: true })\n  email: string;\n\n  @OneToMany(() => Session, (s) => s.account)\n  sessions: Session[];\n}\n",
      'src/db/schema.ts': "import { pgTable, serial, text, integer } from 'drizzle-orm/pg-core';\n\nexport const projects = pgTable('projects', {\n  id: serial('id').primaryKey(),\n  name: text('name').notNull(),\n  ownerId: integer('owner_id').references(() => users.id),\n});\n",
      'src/models/tag.js': "const { DataTypes } = require('sequelize');\nconst sequelize = require('./db');\n\nconst Tag = sequelize.define('Tag', {\n  name: { type: DataTypes.STRING, allowNull: false, unique: true },\n}, { tableName: 'tags' });\n\nmodule.exports = Tag;\n",
    });
    const account = m.entities.find((e) => e.name === 'Account')!;
    assert.equal(account.table, 'accounts');
    assert.deepEqual(account.fields.map((f) => f.name), ['id', 'email']);
    assert.equal(account.fields[0]!.primaryKey, true);
    assert.deepEqual(account.relations, [{ name: 'sessions', target: 'Session', many: true }]);
    const projects = m.entities.find((e) => e.name === 'projects')!;
    assert.equal(projects.source, 'drizzle');
    assert.deepEqual(projects.fields.map((f) => f.name), ['id', 'name', 'owner_id']);
    assert.equal(projects.fields.find((f) => f.name === 'owner_id')?.references, 'users.id');
    const tag = m.entities.find((e) => e.name === 'Tag')!;
    assert.equal(tag.table, 'tags');
    assert.equal(tag.fields.find((f) => f.name === 'name')?.unique, true);
  });

  it('SQL migrations are applied in order: created, altered, renamed and dropped tables and columns', async () => {
    const m = await modelFrom({
      'db/migrations/001_init.sql': 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);\nCREATE TABLE notes (id serial PRIMARY KEY, body text, user_id integer REFERENCES users(id));\nCREATE TABLE scratch (id int);\n',
      'db/migrations/002_titles.sql': 'ALTER TABLE notes ADD COLUMN title varchar(200) NOT NULL;\nALTER TABLE notes RENAME COLUMN body TO content;\nDROP TABLE scratch;\n',
      'db/migrations/003_archive.sql': 'ALTER TABLE notes ADD COLUMN archived_at timestamptz;\nALTER TABLE users RENAME TO accounts;\n',
    });
    assert.deepEqual(m.entities.map((e) => e.name).sort(), ['accounts', 'notes']);
    const notes = m.entities.find((e) => e.name === 'notes')!;
    assert.deepEqual(notes.fields.map((f) => f.name), ['id', 'content', 'user_id', 'title', 'archived_at']);
    assert.equal(notes.fields.find((f) => f.name === 'user_id')?.references, 'users.id');
    assert.equal(notes.fields.find((f) => f.name === 'title')?.nullable, false);
    assert.equal(notes.file, 'db/migrations/001_init.sql');
    const tool = m.migrations.find((t) => t.dir === 'db/migrations')!;
    assert.equal(tool.tool, 'numbered-sql');
    assert.equal(tool.next, 'db/migrations/004_<name>.sql');
  });
});
