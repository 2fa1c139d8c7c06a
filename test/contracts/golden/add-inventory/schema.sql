-- PostgreSQL schema for change add-inventory.
-- Generated from the plan draft by parallel-plan; do not edit by hand.
-- Tables are ordered so that referenced tables come first.

CREATE TABLE products (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  sku text NOT NULL,
  name text NOT NULL,
  price numeric NOT NULL,
  weight double precision,
  attributes jsonb,
  active boolean NOT NULL,
  CONSTRAINT products_pkey PRIMARY KEY (id),
  CONSTRAINT products_sku_key UNIQUE (sku),
  CONSTRAINT products_sku_length_check CHECK (char_length(sku) <= 32)
);

CREATE TABLE warehouses (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  city text NOT NULL,
  CONSTRAINT warehouses_pkey PRIMARY KEY (id),
  CONSTRAINT warehouses_code_key UNIQUE (code),
  CONSTRAINT warehouses_code_length_check CHECK (char_length(code) <= 16)
);

CREATE TABLE stock_levels (
  warehouse_code text NOT NULL,
  product_sku text NOT NULL,
  quantity integer NOT NULL,
  reorder_at bigint,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT stock_levels_pkey PRIMARY KEY (warehouse_code, product_sku),
  CONSTRAINT stock_levels_warehouse_code_fkey FOREIGN KEY (warehouse_code) REFERENCES warehouses (code),
  CONSTRAINT stock_levels_product_sku_fkey FOREIGN KEY (product_sku) REFERENCES products (sku)
);
CREATE INDEX stock_levels_product_sku_idx ON stock_levels (product_sku);
