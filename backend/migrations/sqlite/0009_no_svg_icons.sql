-- SVG icons are now rendered to PNG when uploaded and SVG is never served (apps/icons.rs).
-- Icons stored as SVG before were checked only by pattern rules that had gaps, so they are
-- removed rather than served or trusted; their apps show the placeholder until the owner
-- uploads the icon again.
DELETE FROM app_icons WHERE content_type = 'image/svg+xml';
UPDATE apps SET icon_version = NULL
 WHERE icon_version IS NOT NULL AND client_id NOT IN (SELECT client_id FROM app_icons);
