-- How many days after today a supplier registration may at most take effect; null: the default (28 days).
ALTER TABLE calendar_setting ADD COLUMN change_of_supplier_horizon_days integer;
