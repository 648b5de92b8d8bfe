-- A purchase's lines, one per SKU, which refunds are matched to (docs/semantics.md §7), in the purchase's currency:
-- [{"sku":"A","amount":"60.00","eligible":"0.00","refunded":"30.00"}]. A purchase stored before has none, and its
-- refunds are matched as before (by excluded SKU only).
ALTER TABLE purchase_records ADD COLUMN lines_json VARCHAR DEFAULT '[]' NOT NULL;
