/* bm-body-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-body-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bm-body-map.h"
#include "bm-date.h"
#include "bm-map-renderer.h"
#include "bm-mark-editor.h"
#include "bm-region-control.h"
#include "bm-widget-util.h"

struct _BmBodyMap
{
  GtkWidget       parent_instance;

  /* The default atlas: its regions are the ones the map hands out and
   * takes (the window, the list and the editor hold those). The shapes
   * drawn and pointed at are of the intake's body outline. */
  BmAtlas        *atlas;
  BmAtlas        *outline;
  BmIntake       *intake;
  GSignalGroup   *intake_signals;
  char           *avoid_key;    /* the avoided regions last drawn */

  /* Drawn once and reused: the body per size and style, the marks per
   * change of a mark. Until the marks first change on their own, they are
   * drawn in the body's layer (marks_in_body): one layer costs the first
   * frame one full-size surface less. */
  GskRenderNode  *body_node;
  GskRenderNode  *marks_node;
  gboolean        marks_in_body;
  gboolean        marks_apart;
  gboolean        drew_changes;  /* the marks were drawn as changes */
  BmMapStyle      style;
  char           *font_family;
  BmMapLayout     layout;

  const BmRegion *hover_region;
  BmSide          hover_side;
  double          hover_x;
  double          hover_y;

  const BmRegion *selected_region;
  BmSide          selected_side;

  GPtrArray      *controls;   /* BmRegionControl, head to toe; made after
                               * the first frame, or when first needed */
  gboolean        controls_made;

  /* Views: as many side by side as fit, from first_view on; the
   * switcher picks them when not all fit */
  BmView          first_view;
  GtkWidget      *view_switcher;
  GPtrArray      *view_buttons;
  GtkWidget      *editor;
  gboolean        read_only;

  /* Zoom: the map as laid out for its size (layout), scaled by zoom and
   * moved by the offset, in widget coordinates: a widget point is
   * map point * zoom + offset */
  double          zoom;
  double          offset_x;
  double          offset_y;
  /* At the start of a pinch: the zoom, and the map point between the
   * fingers; of a drag: the offset */
  double          pinch_zoom;
  double          pinch_map_x;
  double          pinch_map_y;
  double          drag_offset_x;
  double          drag_offset_y;
  gboolean        panned;     /* the press became a drag: no tap */
  gboolean        touch_mode;
  GtkGesture     *click;
  GtkGesture     *zoom_gesture;
  GtkWidget      *zoom_buttons;

  /* Compare mode: the earlier visit's map beside, with its caption */
  BmComparison   *comparison;
  GSignalGroup   *comparison_signals;
  GtkWidget      *earlier_box;
  GtkWidget      *earlier_caption;
  BmBodyMap      *earlier_map;
};

/* Narrower than this, the earlier visit's map is not beside today's: the
 * list says what it held */
#define EARLIER_MIN_WIDTH 600
/* The share of the width the earlier visit's map gets */
#define EARLIER_SHARE 0.4
/* No view is drawn narrower than this (in pixels): fewer views are
 * shown, with a switcher, rather than figures too small to point at */
#define MIN_VIEW_WIDTH 170
/* Each zoom step (button, key, Ctrl+wheel) */
#define ZOOM_STEP 1.5
/* A wheel click pans this far, in pixels */
#define WHEEL_PAN 48
/* A press that moves farther than this is a drag (pan), not a tap */
#define DRAG_THRESHOLD 8

G_DEFINE_FINAL_TYPE (BmBodyMap, bm_body_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTAKE,
  PROP_ZOOM,
  PROP_TOUCH_MODE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static GPtrArray *
compared_areas (BmBodyMap *self)
{
  if (self->comparison == NULL || self->intake == NULL ||
      bm_comparison_get_intake (self->comparison) != self->intake)
    return NULL;
  return bm_comparison_get_areas (self->comparison);
}

static void
invalidate_all (BmBodyMap *self)
{
  g_clear_pointer (&self->body_node, gsk_render_node_unref);
  g_clear_pointer (&self->marks_node, gsk_render_node_unref);
  self->marks_in_body = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Once the marks change on a body already drawn, they get a layer of
 * their own, so that their changes leave the body as it is */
static void
invalidate_marks (BmBodyMap *self)
{
  if (self->body_node != NULL)
    self->marks_apart = TRUE;
  if (self->marks_in_body)
    invalidate_all (self);
  g_clear_pointer (&self->marks_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The same region in the outline drawn, for its shapes and anchor */
static const BmRegion *
outline_region (BmBodyMap      *self,
                const BmRegion *region)
{
  return self->outline == self->atlas ? region
                                      : bm_atlas_get_region (self->outline, bm_region_get_index (region));
}

/* A region pointed at in the outline drawn, as the map's own */
static const BmRegion *
own_region (BmBodyMap      *self,
            const BmRegion *region)
{
  return region == NULL || self->outline == self->atlas
         ? region : bm_atlas_get_region (self->atlas, bm_region_get_index (region));
}

/* The intake's body outline: everything is drawn again, and the
 * controls (their accessible bounds too) and the editor follow */
static void
update_outline (BmBodyMap *self)
{
  BmAtlas *outline = bm_atlas_get_for_body (self->atlas, self->intake ? bm_intake_get_body (self->intake) : NULL);

  if (outline == self->outline)
    return;
  self->outline = outline;
  invalidate_all (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Widget coordinates to the map as laid out unzoomed, and back */
static void
to_map (BmBodyMap *self,
        double     x,
        double     y,
        double    *mx,
        double    *my)
{
  *mx = (x - self->offset_x) / self->zoom;
  *my = (y - self->offset_y) / self->zoom;
}

static void
from_map (BmBodyMap *self,
          double     mx,
          double     my,
          double    *x,
          double    *y)
{
  *x = mx * self->zoom + self->offset_x;
  *y = my * self->zoom + self->offset_y;
}

/* Zoomed in, the map still covers its whole area: no empty margin past
 * its edges */
static void
clamp_offset (BmBodyMap *self)
{
  double w = self->layout.width, h = self->layout.height;

  self->offset_x = CLAMP (self->offset_x, w - w * self->zoom, 0);
  self->offset_y = CLAMP (self->offset_y, h - h * self->zoom, 0);
}

static void
update_zoom_actions (BmBodyMap *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in", self->zoom < BM_BODY_MAP_ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out", self->zoom > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-reset", self->zoom > 1);
}

/* The drawing, the controls (and their accessible bounds) and the hit
 * tests follow a new zoom or offset */
static void
apply_view (BmBodyMap *self)
{
  clamp_offset (self);
  invalidate_all (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Zooms to @zoom, the map point under (@fx, @fy) staying there */
static void
zoom_at (BmBodyMap *self,
         double     zoom,
         double     fx,
         double     fy)
{
  double mx, my;

  zoom = CLAMP (zoom, 1, BM_BODY_MAP_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;
  to_map (self, fx, fy, &mx, &my);
  self->zoom = zoom;
  self->offset_x = fx - mx * zoom;
  self->offset_y = fy - my * zoom;
  if (zoom == 1)
    self->offset_x = self->offset_y = 0;
  apply_view (self);
  update_zoom_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
}

static void
zoom_at_centre (BmBodyMap *self,
                double     zoom)
{
  zoom_at (self, zoom, self->layout.width / 2, self->layout.height / 2);
}

/* Moves the zoomed map so that @rect (widget coordinates) is in sight */
static void
pan_to_show (BmBodyMap          *self,
             const GdkRectangle *rect)
{
  double w = self->layout.width, h = self->layout.height;
  double ox = self->offset_x, oy = self->offset_y;

  if (self->zoom <= 1)
    return;
  if (rect->x < 0 || rect->x + rect->width > w)
    self->offset_x += w / 2 - (rect->x + rect->width / 2.0);
  if (rect->y < 0 || rect->y + rect->height > h)
    self->offset_y += h / 2 - (rect->y + rect->height / 2.0);
  if (ox != self->offset_x || oy != self->offset_y)
    apply_view (self);
}

/* The map's colours and text for @widget: light or dark from its colour,
 * its font, and its Pango context so that the text drawn on the map shares
 * fonts with the window's own labels. The family is borrowed from the
 * widget's context. */
void
bm_map_style_init_for_widget (BmMapStyle *style,
                              GtkWidget  *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  GdkRGBA fg;
  double size = 0;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  bm_map_style_init (style, (0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue) > 0.5);
  style->pango_context = context;
  if (desc != NULL)
    {
      if (pango_font_description_get_family (desc) != NULL)
        style->font_family = pango_font_description_get_family (desc);
      size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (desc))
        size = size * 96.0 / 72.0;
    }
  style->font_size = size > 0 ? size : 14;
}

static void
update_style (BmBodyMap *self)
{
  bm_map_style_init_for_widget (&self->style, GTK_WIDGET (self));
  /* The style outlives this call: keep a copy of the family */
  g_free (self->font_family);
  self->font_family = g_strdup (self->style.font_family);
  self->style.font_family = self->font_family;
}

static void ensure_controls (BmBodyMap *self);

/* The control of @region and @side if the controls are made yet (a
 * control reads its mark when made) */
static BmRegionControl *
lookup_control (BmBodyMap      *self,
                const BmRegion *region,
                BmSide          side)
{
  for (guint i = 0; region && i < self->controls->len; i++)
    {
      BmRegionControl *control = g_ptr_array_index (self->controls, i);

      if (bm_region_control_get_region (control) == region &&
          bm_region_control_get_side (control) == side)
        return control;
    }
  return NULL;
}

/* The control of @region and @side, made now if need be */
static BmRegionControl *
find_control (BmBodyMap      *self,
              const BmRegion *region,
              BmSide          side)
{
  ensure_controls (self);
  return lookup_control (self, region, side);
}

static BmRegionControl *
focused_control (BmBodyMap *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return BM_IS_REGION_CONTROL (child) ? BM_REGION_CONTROL (child) : NULL;
}

/* The region's rectangle in widget coordinates, in @view */
/* The view an area's control and editor use: the view of its primary
 * view when it shows that side, otherwise one that is shown */
static BmView
control_view (BmBodyMap      *self,
              const BmRegion *region,
              BmSide          side)
{
  BmView view = bm_region_get_view_for_side (region, side);

  if (bm_map_layout_shows_view (&self->layout, view))
    return view;
  for (BmView v = self->layout.first_view; v < self->layout.first_view + self->layout.n_views; v++)
    if (bm_region_get_shapes (region, v, side)->len > 0)
      return v;
  return view;
}

static void
sync_view_switcher (BmBodyMap *self)
{
  if (self->view_buttons == NULL)
    return;
  for (guint v = 0; v < self->view_buttons->len; v++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->view_buttons, v);
      gboolean shown = bm_map_layout_shows_view (&self->layout, v);

      g_signal_handlers_block_matched (button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_toggle_button_set_active (button, shown);
      g_signal_handlers_unblock_matched (button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
}

/* Brings @view into sight when not all views fit: laid out at once, so
 * that what follows (an editor pointing at an area) finds it */
static void
show_view (BmBodyMap *self,
           BmView     view)
{
  BmView first = self->layout.first_view;
  guint n = self->layout.n_views;

  if (n == 0 || bm_map_layout_shows_view (&self->layout, view))
    return;
  first = view < first ? view : view + 1 - n;
  self->first_view = first;
  bm_map_layout_compute_views (&self->layout, self->atlas, &self->style,
                               self->layout.width, self->layout.height, first, n);
  invalidate_all (self);
  sync_view_switcher (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
region_rect (BmBodyMap      *self,
             const BmRegion *region,
             BmSide          side,
             BmView          view,
             GdkRectangle   *rect)
{
  BmRect b;
  double x0, y0, x1, y1;

  if (!bm_region_get_bounds (outline_region (self, region), view, side, &b))
    return FALSE;

  bm_map_layout_from_view (&self->layout, view, b.x, b.y, &x0, &y0);
  bm_map_layout_from_view (&self->layout, view, b.x + b.width, b.y + b.height, &x1, &y1);
  from_map (self, x0, y0, &x0, &y0);
  from_map (self, x1, y1, &x1, &y1);
  rect->x = floor (x0);
  rect->y = floor (y0);
  rect->width = MAX (1, ceil (x1) - rect->x);
  rect->height = MAX (1, ceil (y1) - rect->y);
  return TRUE;
}

static void on_editor_closed_cb (BmBodyMap  *self,
                                 GtkPopover *popover);

/* The editor is made on first use, not before the first frame */
static GtkWidget *
ensure_editor (BmBodyMap *self)
{
  if (self->editor == NULL)
    {
      self->editor = bm_mark_editor_new ();
      bm_mark_editor_set_touch (BM_MARK_EDITOR (self->editor), self->touch_mode);
      gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
      g_signal_connect_object (self->editor, "closed",
                               G_CALLBACK (on_editor_closed_cb), self, G_CONNECT_SWAPPED);
    }
  return self->editor;
}

/* The editor no wider than the window, less a margin each side */
static void
fit_editor (BmBodyMap *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (root != NULL && gtk_widget_get_width (root) > 0)
    bm_mark_editor_fit_width (BM_MARK_EDITOR (self->editor), gtk_widget_get_width (root) - 2 * 12);
}

static void
open_editor (BmBodyMap      *self,
             const BmRegion *region,
             BmSide          side,
             BmView          view)
{
  GdkRectangle rect;

  if (!region_rect (self, region, side, view, &rect))
    return;

  bm_mark_editor_edit (BM_MARK_EDITOR (ensure_editor (self)), self->intake, region, side);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor), &rect);
  gtk_popover_popup (GTK_POPOVER (self->editor));
  /* Measured once shown: a hidden widget measures 0 */
  fit_editor (self);
}

static void
mark_region (BmBodyMap      *self,
             const BmRegion *region,
             BmSide          side,
             int             severity)
{
  g_autoptr(BmMark) mark = bm_mark_new (bm_region_get_id (region), side, severity, 0, NULL);

  bm_intake_set_mark (self->intake, mark, FALSE);
}

static void
toggle_region (BmBodyMap      *self,
               const BmRegion *region,
               BmSide          side)
{
  const char *id = bm_region_get_id (region);

  if (bm_intake_get_mark (self->intake, id, side))
    bm_intake_remove_mark (self->intake, id, side);
  else
    {
      mark_region (self, region, side, BM_BODY_MAP_DEFAULT_SEVERITY);
      bm_body_map_select (self, region, side);
    }
}

static void
change_severity (BmBodyMap      *self,
                 const BmRegion *region,
                 BmSide          side,
                 int             delta)
{
  const BmMark *mark = bm_intake_get_mark (self->intake, bm_region_get_id (region), side);
  g_autoptr(BmMark) copy = NULL;

  if (mark == NULL)
    {
      if (delta > 0)
        {
          mark_region (self, region, side, delta);
          bm_body_map_select (self, region, side);
        }
      return;
    }

  copy = bm_mark_copy (mark);
  copy->severity = CLAMP (mark->severity + delta, 0, BM_SEVERITY_MAX);
  bm_intake_set_mark (self->intake, copy, FALSE);
}

/* Spatial navigation between controls, from their anchors on screen */
static void
move_focus (BmBodyMap *self,
            int        dx,
            int        dy)
{
  BmRegionControl *from = focused_control (self);
  BmRegionControl *best = NULL;
  double fx, fy, best_score = G_MAXDOUBLE;

  if (from == NULL)
    return;
  bm_body_map_get_region_point (self, bm_region_control_get_region (from),
                                bm_region_control_get_side (from),
                                control_view (self, bm_region_control_get_region (from),
                                              bm_region_control_get_side (from)),
                                &fx, &fy);

  for (guint i = 0; i < self->controls->len; i++)
    {
      BmRegionControl *to = g_ptr_array_index (self->controls, i);
      const BmRegion *region = bm_region_control_get_region (to);
      BmView view = control_view (self, region, bm_region_control_get_side (to));
      double tx, ty, along, across, score;

      /* Arrows move between the areas in sight; the switcher (or Tab)
       * goes to the other views */
      if (to == from || !bm_map_layout_shows_view (&self->layout, view))
        continue;
      bm_body_map_get_region_point (self, region, bm_region_control_get_side (to),
                                    view, &tx, &ty);
      along = (tx - fx) * dx + (ty - fy) * dy;
      across = fabs ((tx - fx) * dy) + fabs ((ty - fy) * dx);
      if (along <= 0.5)
        continue;
      score = along + 2.5 * across;
      if (score < best_score)
        {
          best_score = score;
          best = to;
        }
    }

  if (best != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (best));
}

/* The control's "toggle" action over AT-SPI, as Space on it */
static void
on_control_activate_cb (BmBodyMap       *self,
                        BmRegionControl *control)
{
  if (self->intake == NULL || self->read_only)
    return;
  toggle_region (self, bm_region_control_get_region (control), bm_region_control_get_side (control));
}

static void
on_intake_mark_changed_cb (BmBodyMap  *self,
                           const char *region_id,
                           int         side,
                           BmIntake   *intake)
{
  const BmRegion *region = bm_atlas_lookup (self->atlas, region_id);
  BmRegionControl *control = lookup_control (self, region, side);

  if (control != NULL)
    bm_region_control_set_mark (control, bm_intake_get_mark (intake, region_id, side));
  invalidate_marks (self);
}

static void
on_intake_body_cb (BmBodyMap  *self,
                   GParamSpec *pspec,
                   BmIntake   *intake)
{
  update_outline (self);
}

static char *
dup_avoid_key (BmIntake *intake)
{
  return intake ? g_strjoinv (",", (char **) bm_intake_get_avoid (intake)) : NULL;
}

/* The regions not to be touched are drawn with the marks */
static void
on_intake_changed_cb (BmBodyMap *self,
                      BmIntake  *intake)
{
  g_autofree char *key = dup_avoid_key (intake);

  if (g_strcmp0 (key, self->avoid_key) != 0)
    {
      g_free (self->avoid_key);
      self->avoid_key = g_steal_pointer (&key);
      invalidate_marks (self);
    }
}

static void
ensure_earlier_map (BmBodyMap *self)
{
  if (self->earlier_box != NULL)
    return;

  self->earlier_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->earlier_caption = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->earlier_caption, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (self->earlier_caption), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (self->earlier_box), self->earlier_caption);
  self->earlier_map = BM_BODY_MAP (bm_body_map_new ());
  bm_body_map_set_editable (self->earlier_map, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->earlier_map), TRUE);
  gtk_box_append (GTK_BOX (self->earlier_box), GTK_WIDGET (self->earlier_map));
  gtk_widget_set_parent (self->earlier_box, GTK_WIDGET (self));
}

/* What a control tells of its area: the mark, and how it changed since
 * the visit compared with */
static void
sync_control_mark (BmBodyMap       *self,
                   BmRegionControl *control)
{
  bm_region_control_set_mark (control,
                              self->intake ? bm_intake_get_mark (self->intake,
                                                                 bm_region_get_id (bm_region_control_get_region (control)),
                                                                 bm_region_control_get_side (control)) : NULL);
}

static void
sync_control_change (BmBodyMap       *self,
                     BmRegionControl *control)
{
  GPtrArray *areas = compared_areas (self);
  const BmProgressArea *area = NULL;

  if (areas != NULL)
    area = bm_progress_find (areas, bm_region_get_id (bm_region_control_get_region (control)),
                             bm_region_control_get_side (control));
  bm_region_control_set_change (control, area, areas ? bm_comparison_get_earlier_date (self->comparison) : NULL);
}

/* Compare mode on or off, another earlier visit, or a change of today's
 * marks: the fills, the controls' descriptions and the map beside */
static void
on_comparison_changed_cb (BmBodyMap    *self,
                          BmComparison *comparison)
{
  GPtrArray *areas = compared_areas (self);
  const char *date = areas ? bm_comparison_get_earlier_date (comparison) : NULL;

  for (guint i = 0; i < self->controls->len; i++)
    sync_control_change (self, g_ptr_array_index (self->controls, i));

  if (areas != NULL)
    {
      /* Translators: caption of the earlier visit's map, a date "9 Nov 2026" (strftime) */
      g_autofree char *day = bm_date_format (date, _("%-d %b %Y"));
      /* Translators: caption of the earlier visit's map beside today's, "Then: 9 Nov 2026" */
      g_autofree char *caption = g_strdup_printf (_("Then: %s"), day ? day : date);
      /* Translators: accessible name of the earlier visit's map, "Body map of 9 Nov 2026" */
      g_autofree char *name = g_strdup_printf (_("Body map of %s"), day ? day : date);

      ensure_earlier_map (self);
      gtk_label_set_label (GTK_LABEL (self->earlier_caption), caption);
      bm_body_map_set_intake (self->earlier_map, bm_comparison_get_earlier (comparison));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->earlier_map),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
  else if (self->earlier_map != NULL)
    bm_body_map_set_intake (self->earlier_map, NULL);

  /* Outside compare mode the marks drawn do not depend on it */
  if (areas != NULL || self->drew_changes)
    invalidate_marks (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_motion_cb (BmBodyMap                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  double mx, my;

  to_map (self, x, y, &mx, &my);
  if (!bm_map_layout_hit_test (&self->layout, self->outline, mx, my, NULL, &region, &side))
    region = NULL;
  region = own_region (self, region);

  self->hover_x = x;
  self->hover_y = y;
  if (region != self->hover_region || side != self->hover_side)
    {
      self->hover_region = region;
      self->hover_side = side;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), region && !self->read_only ? "pointer" : NULL);
    }
  else if (region == NULL)
    return;  /* over nothing, as before: nothing to redraw */
  /* The highlight changed, or the name follows the pointer */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (BmBodyMap                *self,
             GtkEventControllerMotion *motion)
{
  if (self->hover_region == NULL)
    return;
  self->hover_region = NULL;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A finger, not a mouse: a tap beside an area may mean it */
static gboolean
is_touch (BmBodyMap  *self,
          GtkGesture *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GdkDevice *device = event ? gdk_event_get_device (event) : NULL;

  if (self->touch_mode)
    return TRUE;
  if (event == NULL)
    return FALSE;
  return gdk_event_get_event_type (event) == GDK_TOUCH_END ||
         (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN);
}

static void
on_click_pressed_cb (BmBodyMap       *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  self->panned = FALSE;
}

static void
on_click_released_cb (BmBodyMap       *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  BmView view = 0;
  BmRegionControl *control;
  double mx, my;

  if (self->intake == NULL || self->read_only || self->panned)
    return;

  /* A tap within a finger's width of an area is a tap on it; never
   * farther: beside the body is nothing */
  to_map (self, x, y, &mx, &my);
  if (!bm_map_layout_hit_test (&self->layout, self->outline, mx, my, &view, &region, &side) &&
      (!is_touch (self, GTK_GESTURE (gesture)) ||
       !bm_map_layout_find_nearest (&self->layout, self->outline, mx, my,
                                    BM_BODY_MAP_SNAP_DISTANCE / self->zoom,
                                    &view, &region, &side)))
    {
      bm_body_map_select (self, NULL, BM_SIDE_CENTER);
      return;
    }
  region = own_region (self, region);

  if (!bm_intake_get_mark (self->intake, bm_region_get_id (region), side))
    mark_region (self, region, side, BM_BODY_MAP_DEFAULT_SEVERITY);
  bm_body_map_select (self, region, side);

  if ((control = find_control (self, region, side)))
    gtk_widget_grab_focus (GTK_WIDGET (control));
  open_editor (self, region, side, view);
}

/* Zoomed in, a drag moves the map */
static void
on_drag_begin_cb (BmBodyMap      *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  self->drag_offset_x = self->offset_x;
  self->drag_offset_y = self->offset_y;
}

static void
on_drag_update_cb (BmBodyMap      *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  if (self->zoom <= 1 || gtk_gesture_is_active (self->zoom_gesture))
    return;
  if (!self->panned && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->panned)
    {
      /* Not a tap any more */
      self->panned = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  self->offset_x = self->drag_offset_x + dx;
  self->offset_y = self->drag_offset_y + dy;
  apply_view (self);
}

static void
on_zoom_begin_cb (BmBodyMap        *self,
                  GdkEventSequence *sequence,
                  GtkGesture       *gesture)
{
  double cx, cy;

  /* Two fingers: a pinch, not a tap */
  self->panned = TRUE;
  gtk_gesture_set_state (self->click, GTK_EVENT_SEQUENCE_DENIED);
  self->pinch_zoom = self->zoom;
  if (!gtk_gesture_get_bounding_box_center (gesture, &cx, &cy))
    cx = self->layout.width / 2, cy = self->layout.height / 2;
  to_map (self, cx, cy, &self->pinch_map_x, &self->pinch_map_y);
}

/* The map point first between the fingers stays between them */
static void
on_zoom_scale_changed_cb (BmBodyMap      *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  double cx, cy, zoom = CLAMP (self->pinch_zoom * scale, 1, BM_BODY_MAP_ZOOM_MAX);
  gboolean changed = fabs (zoom - self->zoom) > 1e-9;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  self->zoom = zoom;
  self->offset_x = cx - self->pinch_map_x * zoom;
  self->offset_y = cy - self->pinch_map_y * zoom;
  apply_view (self);
  if (changed)
    {
      update_zoom_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
    }
}

/* Ctrl+wheel zooms at the pointer; zoomed in, the wheel pans */
static gboolean
on_scroll_cb (BmBodyMap                *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? WHEEL_PAN : 1;

  if (state & GDK_CONTROL_MASK)
    {
      if (dy != 0)
        zoom_at (self, dy < 0 ? self->zoom * ZOOM_STEP : self->zoom / ZOOM_STEP,
                 self->hover_x, self->hover_y);
      return GDK_EVENT_STOP;
    }
  if (self->zoom <= 1)
    return GDK_EVENT_PROPAGATE;
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  self->offset_x -= dx * step;
  self->offset_y -= dy * step;
  apply_view (self);
  return GDK_EVENT_STOP;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BmBodyMap *self = BM_BODY_MAP (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    bm_body_map_zoom_in (self);
  else if (g_str_equal (action_name, "map.zoom-out"))
    bm_body_map_zoom_out (self);
  else
    bm_body_map_zoom_reset (self);
}

static gboolean
on_key_pressed_cb (BmBodyMap             *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *key)
{
  BmRegionControl *control = focused_control (self);
  const BmRegion *region;
  BmSide side;

  /* Ctrl+plus, Ctrl+minus and Ctrl+0 zoom, as in a browser */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_CONTROL_MASK)
    switch (keyval)
      {
      case GDK_KEY_plus:
      case GDK_KEY_equal:
      case GDK_KEY_KP_Add:
        bm_body_map_zoom_in (self);
        return GDK_EVENT_STOP;
      case GDK_KEY_minus:
      case GDK_KEY_underscore:
      case GDK_KEY_KP_Subtract:
        bm_body_map_zoom_out (self);
        return GDK_EVENT_STOP;
      case GDK_KEY_0:
      case GDK_KEY_KP_0:
      case GDK_KEY_KP_Insert:
        bm_body_map_zoom_reset (self);
        return GDK_EVENT_STOP;
      default:
        break;
      }

  if (control == NULL || self->intake == NULL || self->read_only)
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  region = bm_region_control_get_region (control);
  side = bm_region_control_get_side (control);

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      toggle_region (self, region, side);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Menu:
      if (!bm_intake_get_mark (self->intake, bm_region_get_id (region), side))
        mark_region (self, region, side, BM_BODY_MAP_DEFAULT_SEVERITY);
      bm_body_map_select (self, region, side);
      open_editor (self, region, side, control_view (self, region, side));
      return GDK_EVENT_STOP;

    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      change_severity (self, region, side, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_minus:
    case GDK_KEY_underscore:
    case GDK_KEY_KP_Subtract:
      change_severity (self, region, side, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      bm_intake_remove_mark (self->intake, bm_region_get_id (region), side);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, 0, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, 0, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, -1, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, 1, 0);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_editor_closed_cb (BmBodyMap  *self,
                     GtkPopover *popover)
{
  BmRegionControl *control;

  control = find_control (self,
                          bm_mark_editor_get_region (BM_MARK_EDITOR (self->editor)),
                          bm_mark_editor_get_side (BM_MARK_EDITOR (self->editor)));
  if (control != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (control));
}

/* The area under the pointer, or else the one with the keyboard focus
 * (the focus ring alone does not say which area it is) */
static gboolean
shown_label_area (BmBodyMap       *self,
                  const BmRegion **region,
                  BmSide          *side,
                  double          *x,
                  double          *y,
                  double          *below)
{
  BmRegionControl *focus = focused_control (self);
  graphene_rect_t bounds;

  if (self->hover_region)
    {
      *region = self->hover_region;
      *side = self->hover_side;
      *x = self->hover_x;
      *y = self->hover_y - 16;
      *below = self->hover_y + 24;
      return TRUE;
    }
  if (focus && gtk_widget_has_visible_focus (GTK_WIDGET (focus)) &&
      gtk_widget_compute_bounds (GTK_WIDGET (focus), GTK_WIDGET (self), &bounds))
    {
      *region = bm_region_control_get_region (focus);
      *side = bm_region_control_get_side (focus);
      *x = bounds.origin.x + bounds.size.width / 2;
      *y = bounds.origin.y - 4;
      *below = bounds.origin.y + bounds.size.height + 4;
      return TRUE;
    }
  return FALSE;
}

/* "Left calf", or "Left calf · 6/10" when it is marked */
static char *
dup_area_text (BmBodyMap      *self,
               const BmRegion *region,
               BmSide          side)
{
  g_autofree char *label = bm_region_dup_label (region, side);
  const BmMark *mark = self->intake ? bm_intake_get_mark (self->intake, bm_region_get_id (region), side) : NULL;
  const BmProgressArea *area = compared_areas (self) ? bm_comparison_lookup (self->comparison, bm_region_get_id (region), side) : NULL;

  if (area != NULL && area->kind == BM_PROGRESS_RESOLVED)
    /* Translators: hover label in compare mode, "Left calf · 4 → resolved" */
    return g_strdup_printf (_("%s · %d → resolved"), label, area->before);
  if (area != NULL && area->kind == BM_PROGRESS_NEW)
    /* Translators: hover label in compare mode, "Left calf · new, 6" */
    return g_strdup_printf (_("%s · new, %d"), label, area->now);
  if (area != NULL)
    /* Translators: hover label in compare mode, "Left calf · 6 → 4" */
    return g_strdup_printf (_("%s · %d → %d"), label, area->before, area->now);
  if (mark != NULL)
    /* Translators: hover label, e.g. "Left calf · 6/10" */
    return g_strdup_printf (_("%s · %d/10"), label, mark->severity);
  return g_steal_pointer (&label);
}

char *
bm_body_map_dup_shown_label (BmBodyMap *self)
{
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  double x, y, below;

  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);

  if (!shown_label_area (self, &region, &side, &x, &y, &below))
    return NULL;
  return dup_area_text (self, region, side);
}

/* The name of the area pointed at or focused, on a pill over the map */
typedef struct
{
  PangoLayout *layout;
  double       x, y, width, height;
  double       pad;
} ShownLabel;

static gboolean
place_shown_label (BmBodyMap  *self,
                   int         width,
                   ShownLabel *label)
{
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  double ax = 0, ay = 0, below = 0;
  g_autofree char *text = NULL;
  int tw, th;

  if (!shown_label_area (self, &region, &side, &ax, &ay, &below))
    return FALSE;
  text = dup_area_text (self, region, side);
  label->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (label->layout, &tw, &th);
  label->pad = 6;
  label->width = tw + 2 * label->pad;
  label->height = th + label->pad;
  label->x = CLAMP (ax - label->width / 2, 2, MAX (2, width - label->width - 2));
  label->y = ay - label->height;
  if (label->y < 2)
    label->y = below;
  return TRUE;
}

static void
draw_shown_label (BmBodyMap        *self,
                  cairo_t          *cr,
                  const ShownLabel *label)
{
  double x = label->x, y = label->y, w = label->width, h = label->height;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - h / 2, y + h / 2, h / 2, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + h / 2, y + h / 2, h / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  if (self->style.dark)
    cairo_set_source_rgba (cr, 0.95, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.92);
  cairo_fill (cr);

  if (self->style.dark)
    cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + label->pad, y + label->pad / 2);
  pango_cairo_show_layout (cr, label->layout);
}

/* Zoomed in or moved: the map is not drawn at its own size and place */
static gboolean
is_zoomed (BmBodyMap *self)
{
  return self->zoom != 1 || self->offset_x != 0 || self->offset_y != 0;
}

static void
apply_zoom (BmBodyMap *self,
            cairo_t   *cr)
{
  if (!is_zoomed (self))
    return;
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
}

/* Anything to draw over the body: marks, last time's marks still to
 * confirm, avoided areas or changes */
static gboolean
has_marks (BmBodyMap *self)
{
  return compared_areas (self) != NULL ||
         (self->intake != NULL && (bm_intake_get_marks (self->intake)->len > 0 ||
                                   bm_intake_get_avoid (self->intake)[0] != NULL ||
                                   bm_intake_has_last_time (self->intake)));
}

/* The marks, or how they changed since the visit compared with */
static void
draw_marks (BmBodyMap         *self,
            cairo_t           *cr,
            const BmMapLayout *layout)
{
  GPtrArray *areas = compared_areas (self);

  self->drew_changes = areas != NULL;
  if (areas != NULL)
    bm_map_renderer_draw_changes (cr, self->outline, areas, self->intake, layout, &self->style);
  else
    bm_map_renderer_draw_marks (cr, self->outline, self->intake, layout, &self->style);
}

/* A cairo node on @snapshot over @area, within the map; NULL when they
 * do not meet */
static cairo_t *
append_cairo (BmBodyMap    *self,
              GtkSnapshot  *snapshot,
              const BmRect *area)
{
  double x0 = floor (MAX (area->x, 0));
  double y0 = floor (MAX (area->y, 0));
  double x1 = ceil (MIN (area->x + area->width, gtk_widget_get_width (GTK_WIDGET (self))));
  double y1 = ceil (MIN (area->y + area->height, gtk_widget_get_height (GTK_WIDGET (self))));

  if (x1 <= x0 || y1 <= y0)
    return NULL;
  return gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

/* A layer of the map: the body (titles and figures), the marks, or both.
 * At the map's own size each view is drawn in a node of its own that
 * holds just what is drawn there (and the titles in another), not one
 * of the map's size: GTK replays a node into a new surface of its size,
 * and the first frame waits for each page of it. */
static GskRenderNode *
make_layer (BmBodyMap *self,
            gboolean   body,
            gboolean   marks)
{
  GtkSnapshot *sub = gtk_snapshot_new ();
  GPtrArray *areas = compared_areas (self);
  GskRenderNode *node;
  BmRect area;
  cairo_t *cr;

  if (is_zoomed (self))
    {
      area = (BmRect) { 0, 0, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)) };
      cr = append_cairo (self, sub, &area);
      if (cr != NULL)
        {
          apply_zoom (self, cr);
          if (body)
            bm_map_renderer_draw_body (cr, self->outline, &self->layout, &self->style);
          if (marks)
            draw_marks (self, cr, &self->layout);
          cairo_destroy (cr);
        }
      node = gtk_snapshot_free_to_node (sub);
      return node != NULL ? node : gsk_container_node_new (NULL, 0);
    }

  if (body)
    {
      bm_map_layout_get_titles_area (&self->layout, &area);
      if ((cr = append_cairo (self, sub, &area)) != NULL)
        {
          bm_map_renderer_draw_titles (cr, self->outline, &self->layout, &self->style);
          cairo_destroy (cr);
        }
    }

  for (guint v = self->layout.first_view; v < self->layout.first_view + self->layout.n_views; v++)
    {
      BmMapLayout single;
      BmRect marked;
      gboolean any_marks = marks && bm_map_layout_get_marks_area (&self->layout, self->outline, v,
                                                                   self->intake, areas, &marked);

      if (body)
        {
          bm_map_layout_get_figure_area (&self->layout, self->outline, v, &area);
          if (any_marks)
            bm_rect_union (&area, &marked, &area);
        }
      else if (any_marks)
        area = marked;
      else
        continue;

      if ((cr = append_cairo (self, sub, &area)) == NULL)
        continue;
      bm_map_layout_get_single (&self->layout, v, &single);
      if (body)
        bm_map_renderer_draw_figures (cr, self->outline, &single, &self->style);
      if (any_marks)
        draw_marks (self, cr, &single);
      cairo_destroy (cr);
    }

  /* Whether the marks are drawn as changes, even in no view */
  if (marks)
    self->drew_changes = areas != NULL;
  node = gtk_snapshot_free_to_node (sub);
  /* Nothing to draw is kept too, not made again for each frame */
  return node != NULL ? node : gsk_container_node_new (NULL, 0);
}

static void
bm_body_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BmBodyMap *self = BM_BODY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  BmRegionControl *focus = focused_control (self);
  BmMapState state = { 0 };
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* Zoomed in, the map is drawn anew at its zoom (sharp, not a scaled
   * picture) and kept to its own area */
  if (self->zoom > 1)
    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->layout.width, self->layout.height));

  if (self->body_node == NULL)
    {
      self->marks_in_body = !self->marks_apart;
      self->body_node = make_layer (self, TRUE, self->marks_in_body);
    }
  if (self->marks_node == NULL && !self->marks_in_body && has_marks (self))
    self->marks_node = make_layer (self, FALSE, TRUE);
  if (self->body_node != NULL)
    gtk_snapshot_append_node (snapshot, self->body_node);
  if (self->marks_node != NULL)
    gtk_snapshot_append_node (snapshot, self->marks_node);

  if (self->hover_region)
    {
      state.hover_region = bm_region_get_id (self->hover_region);
      state.hover_side = self->hover_side;
    }
  if (self->selected_region)
    {
      state.selected_region = bm_region_get_id (self->selected_region);
      state.selected_side = self->selected_side;
    }
  if (focus && gtk_widget_has_visible_focus (GTK_WIDGET (focus)))
    {
      state.focus_region = bm_region_get_id (bm_region_control_get_region (focus));
      state.focus_side = bm_region_control_get_side (focus);
    }

  if (state.hover_region || state.selected_region || state.focus_region)
    {
      ShownLabel label = { NULL };

      if (is_zoomed (self))
        {
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          apply_zoom (self, cr);
          bm_map_renderer_draw_state (cr, self->outline, &self->layout, &self->style, &state);
          cairo_destroy (cr);
        }
      else
        /* Like the body, in nodes no larger than what they hold: each
         * frame of pointing makes them anew */
        for (guint v = self->layout.first_view; v < self->layout.first_view + self->layout.n_views; v++)
          {
            BmMapLayout single;
            BmRect area;

            if (!bm_map_layout_get_state_area (&self->layout, self->outline, v, &state, &area) ||
                (cr = append_cairo (self, snapshot, &area)) == NULL)
              continue;
            bm_map_layout_get_single (&self->layout, v, &single);
            bm_map_renderer_draw_state (cr, self->outline, &single, &self->style, &state);
            cairo_destroy (cr);
          }

      /* The name at its size, whatever the zoom */
      if (place_shown_label (self, width, &label))
        {
          /* Room for the text's ink beyond its logical size */
          BmRect area = { label.x - 2, label.y - 2, label.width + 4, label.height + 4 };

          if ((cr = append_cairo (self, snapshot, &area)) != NULL)
            {
              draw_shown_label (self, cr, &label);
              cairo_destroy (cr);
            }
          g_object_unref (label.layout);
        }
    }

  if (self->zoom > 1)
    gtk_snapshot_pop (snapshot);
  if (self->zoom_buttons != NULL && gtk_widget_get_child_visible (self->zoom_buttons))
    gtk_widget_snapshot_child (widget, self->zoom_buttons, snapshot);
  if (self->view_switcher != NULL && gtk_widget_get_child_visible (self->view_switcher))
    gtk_widget_snapshot_child (widget, self->view_switcher, snapshot);

  if (self->earlier_box != NULL && gtk_widget_get_child_visible (self->earlier_box))
    gtk_widget_snapshot_child (widget, self->earlier_box, snapshot);
}

static void
bm_body_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BmBodyMap *self = BM_BODY_MAP (widget);
  double vh;

  bm_atlas_get_view_size (self->atlas, NULL, &vh);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      int w = for_size > 0 ? for_size : 640;

      *minimum = 240;
      guint n = bm_map_layout_count_fitting (self->atlas, w, MIN_VIEW_WIDTH);
      double vw;

      bm_atlas_get_view_size (self->atlas, &vw, NULL);
      *natural = ceil (self->style.font_size * 3.2 + w / (vw * (n + (n - 1) * 0.1)) * vh);
    }
}

static void
bm_body_map_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  BmBodyMap *self = BM_BODY_MAP (widget);
  BmMapLayout old = self->layout;
  guint n_shown;
  gboolean beside = self->earlier_box != NULL && compared_areas (self) != NULL && width >= EARLIER_MIN_WIDTH;

  /* The earlier visit's map, beside today's at the end, when it fits */
  if (beside)
    {
      int earlier_width = (int) (width * EARLIER_SHARE);
      int min_width, min_height, nat;

      gtk_widget_measure (self->earlier_box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat, NULL, NULL);
      gtk_widget_measure (self->earlier_box, GTK_ORIENTATION_VERTICAL, earlier_width, &min_height, &nat, NULL, NULL);
      beside = earlier_width >= min_width && height >= min_height;
      if (beside)
        {
          gtk_widget_set_child_visible (self->earlier_box, TRUE);
          gtk_widget_size_allocate (self->earlier_box,
                                    &(GtkAllocation) { width - earlier_width, 0, earlier_width, height }, -1);
          width -= earlier_width + 12;
        }
    }
  if (self->earlier_box != NULL)
    gtk_widget_set_child_visible (self->earlier_box, beside);

  /* As many views as fit, each large enough to point at its small areas;
   * the switcher above the zoom buttons when not all show */
  n_shown = bm_map_layout_count_shown (self->atlas, &self->style, width, height, MIN_VIEW_WIDTH);
  if (self->view_switcher != NULL)
    {
      gboolean shown = n_shown < bm_atlas_get_n_views (self->atlas);

      gtk_widget_set_child_visible (self->view_switcher, shown);
      if (shown)
        {
          int w, h, nat;

          gtk_widget_measure (self->view_switcher, GTK_ORIENTATION_HORIZONTAL, -1, &w, &nat, NULL, NULL);
          gtk_widget_measure (self->view_switcher, GTK_ORIENTATION_VERTICAL, w, &h, &nat, NULL, NULL);
          /* The row of views spans the map, within reason */
          w = MAX (w, MIN (width, 480));
          gtk_widget_size_allocate (self->view_switcher,
                                    &(GtkAllocation) { (width - w) / 2, MAX (0, height - h), w, h }, -1);
          height = MAX (1, height - h);
        }
    }
  bm_map_layout_compute_views (&self->layout, self->atlas, &self->style, width, height,
                               self->first_view, n_shown);
  self->first_view = self->layout.first_view;
  sync_view_switcher (self);
  if (memcmp (&old, &self->layout, sizeof old) != 0)
    {
      clamp_offset (self);
      invalidate_all (self);
    }

  /* The zoom buttons in the map's bottom right corner */
  if (self->zoom_buttons != NULL)
    {
      gboolean shown = self->touch_mode && !self->read_only;

      gtk_widget_set_child_visible (self->zoom_buttons, shown);
      if (shown)
        {
          int w, h, nat;

          gtk_widget_measure (self->zoom_buttons, GTK_ORIENTATION_HORIZONTAL, -1, &w, &nat, NULL, NULL);
          gtk_widget_measure (self->zoom_buttons, GTK_ORIENTATION_VERTICAL, w, &h, &nat, NULL, NULL);
          gtk_widget_size_allocate (self->zoom_buttons,
                                    &(GtkAllocation) { MAX (0, width - w), MAX (0, height - h), w, h }, -1);
        }
    }

  for (guint i = 0; i < self->controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (self->controls, i);
      const BmRegion *region = bm_region_control_get_region (BM_REGION_CONTROL (control));
      GdkRectangle rect;

      if (!gtk_widget_get_visible (control))
        continue;
      BmSide side = bm_region_control_get_side (BM_REGION_CONTROL (control));

      if (region_rect (self, region, side, control_view (self, region, side), &rect))
        gtk_widget_size_allocate (control, &rect, -1);
    }

  if (self->editor)
    gtk_popover_present (GTK_POPOVER (self->editor));
}

static void
bm_body_map_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  BmBodyMap *self = BM_BODY_MAP (widget);

  GTK_WIDGET_CLASS (bm_body_map_parent_class)->css_changed (widget, change);

  update_style (self);
  invalidate_all (self);
  gtk_widget_queue_resize (widget);
}

/* Focus that comes before the controls were made makes them */
static gboolean
bm_body_map_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  ensure_controls (BM_BODY_MAP (widget));
  return GTK_WIDGET_CLASS (bm_body_map_parent_class)->focus (widget, direction);
}

static gboolean
bm_body_map_grab_focus (GtkWidget *widget)
{
  ensure_controls (BM_BODY_MAP (widget));
  return GTK_WIDGET_CLASS (bm_body_map_parent_class)->grab_focus (widget);
}

static void
bm_body_map_set_focus_child (GtkWidget *widget,
                             GtkWidget *child)
{
  BmBodyMap *self = BM_BODY_MAP (widget);
  GdkRectangle rect;

  GTK_WIDGET_CLASS (bm_body_map_parent_class)->set_focus_child (widget, child);
  if (BM_IS_REGION_CONTROL (child))
    {
      const BmRegion *region = bm_region_control_get_region (BM_REGION_CONTROL (child));
      BmSide side = bm_region_control_get_side (BM_REGION_CONTROL (child));

      /* The area the keyboard moves to comes into sight: its view when
       * not all views fit, and its place when zoomed in */
      show_view (self, control_view (self, region, side));
      if (self->zoom > 1 && region_rect (self, region, side, control_view (self, region, side), &rect))
        pan_to_show (self, &rect);
    }
  gtk_widget_queue_draw (widget);
}

static void
bm_body_map_dispose (GObject *object)
{
  BmBodyMap *self = (BmBodyMap *)object;

  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  g_clear_pointer (&self->body_node, gsk_render_node_unref);
  g_clear_pointer (&self->marks_node, gsk_render_node_unref);

  if (self->controls != NULL)
    {
      for (guint i = 0; i < self->controls->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->controls, i));
      g_clear_pointer (&self->controls, g_ptr_array_unref);
    }
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->zoom_buttons, gtk_widget_unparent);
  g_clear_pointer (&self->view_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->view_switcher, gtk_widget_unparent);
  if (self->comparison_signals)
    g_signal_group_set_target (self->comparison_signals, NULL);
  g_clear_object (&self->comparison_signals);
  g_clear_object (&self->comparison);
  self->earlier_map = NULL;
  self->earlier_caption = NULL;
  g_clear_pointer (&self->earlier_box, gtk_widget_unparent);

  G_OBJECT_CLASS (bm_body_map_parent_class)->dispose (object);
}

static void
bm_body_map_finalize (GObject *object)
{
  BmBodyMap *self = (BmBodyMap *)object;

  g_free (self->font_family);
  g_free (self->avoid_key);

  G_OBJECT_CLASS (bm_body_map_parent_class)->finalize (object);
}

static void
bm_body_map_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BmBodyMap *self = BM_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      g_value_set_object (value, self->intake);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_TOUCH_MODE:
      g_value_set_boolean (value, self->touch_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_body_map_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BmBodyMap *self = BM_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_INTAKE:
      bm_body_map_set_intake (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      bm_body_map_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_TOUCH_MODE:
      bm_body_map_set_touch_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bm_body_map_class_init (BmBodyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_body_map_dispose;
  object_class->finalize = bm_body_map_finalize;
  object_class->get_property = bm_body_map_get_property;
  object_class->set_property = bm_body_map_set_property;

  widget_class->snapshot = bm_body_map_snapshot;
  widget_class->focus = bm_body_map_focus;
  widget_class->grab_focus = bm_body_map_grab_focus;
  widget_class->measure = bm_body_map_measure;
  widget_class->size_allocate = bm_body_map_size_allocate;
  widget_class->css_changed = bm_body_map_css_changed;
  widget_class->set_focus_child = bm_body_map_set_focus_child;

  properties [PROP_INTAKE] =
    g_param_spec_object ("intake", NULL, NULL,
                         BM_TYPE_INTAKE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BmBodyMap:zoom:
   *
   * How much the map is enlarged: 1 (all of it in sight) to
   * %BM_BODY_MAP_ZOOM_MAX.
   */
  properties [PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         1, BM_BODY_MAP_ZOOM_MAX, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BmBodyMap:touch-mode:
   *
   * For a finger (check-in on a tablet): every tap beside an area snaps
   * to it, zoom buttons show in the corner, and the mark editor's targets
   * are at least 44 px.
   */
  properties [PROP_TOUCH_MODE] =
    g_param_spec_boolean ("touch-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-reset", NULL, zoom_action);

  /**
   * BmBodyMap::selection-changed:
   *
   * The selected region changed.
   */
  signals [SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "bodymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_control (BmBodyMap *self,
             GtkWidget *control)
{
  GtkWidget *previous = self->controls->len > 0 ? g_ptr_array_index (self->controls, self->controls->len - 1) : NULL;

  /* The first children, in the focus order before the view switcher */
  gtk_widget_insert_after (control, GTK_WIDGET (self), previous);
  g_signal_connect_object (control, "activate", G_CALLBACK (on_control_activate_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->controls, control);
  sync_control_mark (self, BM_REGION_CONTROL (control));
  sync_control_change (self, BM_REGION_CONTROL (control));
  gtk_widget_set_visible (control, !self->read_only);
}

/* One control per region and side, head to toe, left before right: what
 * the keyboard and screen readers reach. The first frame does without
 * them (nothing can be focused before it), and it is shown sooner. */
static void
ensure_controls (BmBodyMap *self)
{
  guint n;

  if (self->controls_made || self->controls == NULL)
    return;

  self->controls_made = TRUE;
  n = bm_atlas_get_n_regions (self->atlas);
  for (guint i = 0; i < n; i++)
    {
      const BmRegion *region = bm_atlas_get_region (self->atlas, i);

      if (bm_region_is_paired (region))
        {
          add_control (self, bm_region_control_new (region, BM_SIDE_LEFT));
          add_control (self, bm_region_control_new (region, BM_SIDE_RIGHT));
        }
      else
        add_control (self, bm_region_control_new (region, BM_SIDE_CENTER));
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
make_controls (GtkWidget *widget)
{
  ensure_controls (BM_BODY_MAP (widget));
}

static void ensure_view_switcher (BmBodyMap *self);

static void
bm_body_map_init (BmBodyMap *self)
{
  GtkEventController *controller;
  GtkGesture *click, *drag;

  self->zoom = 1;
  self->atlas = bm_atlas_get_default ();
  self->outline = self->atlas;
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "notify::body",
                                  G_CALLBACK (on_intake_body_cb), self);
  g_signal_group_connect_swapped (self->intake_signals, "mark-changed",
                                  G_CALLBACK (on_intake_mark_changed_cb), self);
  g_signal_group_connect_swapped (self->intake_signals, "changed",
                                  G_CALLBACK (on_intake_changed_cb), self);
  self->controls = g_ptr_array_new ();
  update_style (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Mark where it hurts. Space marks or unmarks, plus and minus change how bad it is, Enter opens the details."),
                                  -1);

  bm_widget_after_first_frame (GTK_WIDGET (self), make_controls);

  ensure_view_switcher (self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  self->click = click;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  self->zoom_gesture = gtk_gesture_zoom_new ();
  g_signal_connect_object (self->zoom_gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zoom_gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->zoom_gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_zoom_actions (self);
}

GtkWidget *
bm_body_map_new (void)
{
  return g_object_new (BM_TYPE_BODY_MAP, NULL);
}

BmIntake *
bm_body_map_get_intake (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);
  return self->intake;
}

void
bm_body_map_set_intake (BmBodyMap *self,
                        BmIntake  *intake)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  g_return_if_fail (!intake || BM_IS_INTAKE (intake));

  if (self->intake == intake)
    return;

  if (self->editor)
    gtk_popover_popdown (GTK_POPOVER (self->editor));
  g_set_object (&self->intake, intake);
  g_signal_group_set_target (self->intake_signals, intake);
  g_free (self->avoid_key);
  self->avoid_key = dup_avoid_key (intake);

  for (guint i = 0; i < self->controls->len; i++)
    sync_control_mark (self, g_ptr_array_index (self->controls, i));

  bm_body_map_select (self, NULL, BM_SIDE_CENTER);
  update_outline (self);
  if (self->comparison != NULL)
    on_comparison_changed_cb (self, self->comparison);
  invalidate_marks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTAKE]);
}

const BmRegion *
bm_body_map_get_selected (BmBodyMap *self,
                          BmSide    *side)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);

  if (side)
    *side = self->selected_side;
  return self->selected_region;
}

void
bm_body_map_select (BmBodyMap      *self,
                    const BmRegion *region,
                    BmSide          side)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));

  if (region == NULL)
    side = BM_SIDE_CENTER;
  if (self->selected_region == region && self->selected_side == side)
    return;

  self->selected_region = region;
  self->selected_side = side;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

void
bm_body_map_edit (BmBodyMap      *self,
                  const BmRegion *region,
                  BmSide          side)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  g_return_if_fail (region != NULL);

  if (self->intake == NULL)
    return;
  if (!bm_intake_get_mark (self->intake, bm_region_get_id (region), side))
    mark_region (self, region, side, BM_BODY_MAP_DEFAULT_SEVERITY);
  bm_body_map_select (self, region, side);
  show_view (self, control_view (self, region, side));
  open_editor (self, region, side, control_view (self, region, side));
}

GtkWidget *
bm_body_map_get_control (BmBodyMap      *self,
                         const BmRegion *region,
                         BmSide          side)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);
  return GTK_WIDGET (find_control (self, region, side));
}

gboolean
bm_body_map_get_region_point (BmBodyMap      *self,
                              const BmRegion *region,
                              BmSide          side,
                              BmView          view,
                              double         *x,
                              double         *y)
{
  double vx, vy;

  g_return_val_if_fail (BM_IS_BODY_MAP (self), FALSE);

  if (!bm_region_get_anchor (outline_region (self, region), view, side, &vx, &vy))
    return FALSE;
  bm_map_layout_from_view (&self->layout, view, vx, vy, x, y);
  from_map (self, *x, *y, x, y);
  return TRUE;
}

GtkPopover *
bm_body_map_get_editor (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);
  return GTK_POPOVER (ensure_editor (self));
}

void
bm_body_map_set_comparison (BmBodyMap    *self,
                            BmComparison *comparison)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  g_return_if_fail (comparison == NULL || BM_IS_COMPARISON (comparison));

  if (!bm_comparison_follow (&self->comparison, &self->comparison_signals, comparison,
                             G_CALLBACK (on_comparison_changed_cb), self))
    return;
  on_comparison_changed_cb (self, comparison);
}

gboolean
bm_body_map_get_comparing (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), FALSE);
  return compared_areas (self) != NULL;
}

BmBodyMap *
bm_body_map_get_earlier_map (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), NULL);

  if (self->earlier_box == NULL || compared_areas (self) == NULL ||
      !gtk_widget_get_child_visible (self->earlier_box))
    return NULL;
  return self->earlier_map;
}

void
bm_body_map_set_editable (BmBodyMap *self,
                          gboolean   editable)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));

  if (self->read_only == !editable)
    return;
  self->read_only = !editable;
  /* A picture to look at: no focus stops, and the screen reader hears
   * today's map, which says what changed */
  for (guint i = 0; i < self->controls->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->controls, i), editable);
  if (editable)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Mark where it hurts. Space marks or unmarks, plus and minus change how bad it is, Enter opens the details."),
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_view_button_toggled_cb (BmBodyMap       *self,
                           GtkToggleButton *button)
{
  guint view;

  if (!g_ptr_array_find (self->view_buttons, button, &view))
    return;
  show_view (self, view);
  /* A view in sight stays pressed: its button shows what is shown */
  sync_view_switcher (self);
}

/* One button per view, shown under the map when not all views fit */
static void
ensure_view_switcher (BmBodyMap *self)
{
  guint n = bm_atlas_get_n_views (self->atlas);

  if (self->view_switcher != NULL || n < 2)
    return;

  self->view_switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* As wide as there is room for: the buttons share it, their names
   * shortened with an ellipsis when a phone is narrower still */
  gtk_widget_add_css_class (self->view_switcher, "linked");
  gtk_widget_add_css_class (self->view_switcher, "bm-view-switcher");
  gtk_widget_set_margin_top (self->view_switcher, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view_switcher),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Views of the body"),
                                  -1);
  self->view_buttons = g_ptr_array_new ();
  for (BmView v = 0; v < n; v++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *label = gtk_label_new (bm_atlas_get_view_short_name (self->atlas, v));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_hexpand (button, TRUE);

      /* Set while the button is hidden: GTK 4.8 asks the display server
       * where the pointer is when a shown widget gets a tooltip, three
       * round trips a button before the window is even on screen */
      gtk_widget_set_visible (button, FALSE);
      gtk_widget_set_tooltip_text (button, bm_atlas_get_view_name (self->atlas, v));
      gtk_widget_set_visible (button, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, bm_atlas_get_view_name (self->atlas, v),
                                      -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_view_button_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->view_switcher), button);
      g_ptr_array_add (self->view_buttons, button);
    }
  gtk_widget_set_parent (self->view_switcher, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->view_switcher, FALSE);
}

/* The zoom buttons, made when touch mode first needs them */
static void
ensure_zoom_buttons (BmBodyMap *self)
{
  static const struct {
    const char *icon;
    const char *action;
    const char *label;
  } buttons[] = {
    { "zoom-in-symbolic", "map.zoom-in", N_("Zoom In") },
    { "zoom-out-symbolic", "map.zoom-out", N_("Zoom Out") },
    { "zoom-fit-best-symbolic", "map.zoom-reset", N_("Show the Whole Body") },
  };

  if (self->zoom_buttons != NULL)
    return;

  self->zoom_buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (self->zoom_buttons, "bm-zoom-buttons");
  gtk_widget_set_margin_end (self->zoom_buttons, 12);
  gtk_widget_set_margin_bottom (self->zoom_buttons, 12);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _(buttons[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(buttons[i].label),
                                      -1);
      gtk_widget_add_css_class (button, "osd");
      gtk_widget_add_css_class (button, "circular");
      gtk_box_append (GTK_BOX (self->zoom_buttons), button);
    }
  gtk_widget_set_parent (self->zoom_buttons, GTK_WIDGET (self));
}

double
bm_body_map_get_zoom (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), 1);
  return self->zoom;
}

void
bm_body_map_set_zoom (BmBodyMap *self,
                      double     zoom)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  zoom_at_centre (self, zoom);
}

void
bm_body_map_zoom_in (BmBodyMap *self)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  zoom_at_centre (self, self->zoom * ZOOM_STEP);
}

void
bm_body_map_zoom_out (BmBodyMap *self)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  zoom_at_centre (self, self->zoom / ZOOM_STEP);
}

void
bm_body_map_zoom_reset (BmBodyMap *self)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));
  zoom_at_centre (self, 1);
}

void
bm_body_map_zoom_to_region (BmBodyMap      *self,
                            const BmRegion *region,
                            BmSide          side,
                            double          zoom)
{
  GdkRectangle rect;

  g_return_if_fail (BM_IS_BODY_MAP (self));
  g_return_if_fail (region != NULL);

  show_view (self, control_view (self, region, side));
  zoom_at_centre (self, zoom);
  if (region_rect (self, region, side, control_view (self, region, side), &rect))
    {
      self->offset_x += self->layout.width / 2 - (rect.x + rect.width / 2.0);
      self->offset_y += self->layout.height / 2 - (rect.y + rect.height / 2.0);
      apply_view (self);
    }
}

gboolean
bm_body_map_get_touch_mode (BmBodyMap *self)
{
  g_return_val_if_fail (BM_IS_BODY_MAP (self), FALSE);
  return self->touch_mode;
}

void
bm_body_map_set_touch_mode (BmBodyMap *self,
                            gboolean   touch_mode)
{
  g_return_if_fail (BM_IS_BODY_MAP (self));

  touch_mode = !!touch_mode;
  if (self->touch_mode == touch_mode)
    return;
  self->touch_mode = touch_mode;
  if (touch_mode)
    ensure_zoom_buttons (self);
  if (self->editor != NULL)
    bm_mark_editor_set_touch (BM_MARK_EDITOR (self->editor), touch_mode);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOUCH_MODE]);
}
