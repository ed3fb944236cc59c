-- How a merchant's checkout looks: its accent colour and its logo, as JSON
-- (`{"accent_color": "#0a7", "logo": "data:image/png;base64,…"}`). The logo is
-- stored, not linked, so the page never asks another origin for it.
ALTER TABLE merchants ADD COLUMN appearance TEXT NOT NULL DEFAULT '{}';
