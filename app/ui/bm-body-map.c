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

struct _BmBodyMap
{
  GtkWidget       parent_instance;

  BmAtlas        *atlas;
  BmIntake       *intake;
  GSignalGroup   *intake_signals;
  char           *avoid_key;    /* the avoided regions last drawn */

  /* Drawn once and reused: the body per size and style, the marks per
   * change of a mark */
  GskRenderNode  *body_node;
  GskRenderNode  *marks_node;
  BmMapStyle      style;
  char           *font_family;
  BmMapLayout     layout;

  const BmRegion *hover_region;
  BmSide          hover_side;
  double          hover_x;
  double          hover_y;

  const BmRegion *selected_region;
  BmSide          selected_side;

  GPtrArray      *controls;   /* BmRegionControl, head to toe */
  GtkWidget      *editor;
  gboolean        read_only;

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

G_DEFINE_FINAL_TYPE (BmBodyMap, bm_body_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTAKE,
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
invalidate_marks (BmBodyMap *self)
{
  g_clear_pointer (&self->marks_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_all (BmBodyMap *self)
{
  g_clear_pointer (&self->body_node, gsk_render_node_unref);
  invalidate_marks (self);
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

static BmRegionControl *
find_control (BmBodyMap      *self,
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

static BmRegionControl *
focused_control (BmBodyMap *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return BM_IS_REGION_CONTROL (child) ? BM_REGION_CONTROL (child) : NULL;
}

/* The region's rectangle in widget coordinates, in @view */
static gboolean
region_rect (BmBodyMap      *self,
             const BmRegion *region,
             BmSide          side,
             BmView          view,
             GdkRectangle   *rect)
{
  BmRect b;
  double x0, y0, x1, y1;

  if (!bm_region_get_bounds (region, view, side, &b))
    return FALSE;

  bm_map_layout_from_view (&self->layout, view, b.x, b.y, &x0, &y0);
  bm_map_layout_from_view (&self->layout, view, b.x + b.width, b.y + b.height, &x1, &y1);
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
                                bm_region_get_primary_view (bm_region_control_get_region (from)),
                                &fx, &fy);

  for (guint i = 0; i < self->controls->len; i++)
    {
      BmRegionControl *to = g_ptr_array_index (self->controls, i);
      const BmRegion *region = bm_region_control_get_region (to);
      double tx, ty, along, across, score;

      if (to == from)
        continue;
      bm_body_map_get_region_point (self, region, bm_region_control_get_side (to),
                                    bm_region_get_primary_view (region), &tx, &ty);
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

static void
on_intake_mark_changed_cb (BmBodyMap  *self,
                           const char *region_id,
                           int         side,
                           BmIntake   *intake)
{
  const BmRegion *region = bm_atlas_lookup (self->atlas, region_id);
  BmRegionControl *control = find_control (self, region, side);

  if (control != NULL)
    bm_region_control_set_mark (control, bm_intake_get_mark (intake, region_id, side));
  invalidate_marks (self);
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

/* Compare mode on or off, another earlier visit, or a change of today's
 * marks: the fills, the controls' descriptions and the map beside */
static void
on_comparison_changed_cb (BmBodyMap    *self,
                          BmComparison *comparison)
{
  GPtrArray *areas = compared_areas (self);
  const char *date = areas ? bm_comparison_get_earlier_date (comparison) : NULL;

  for (guint i = 0; i < self->controls->len; i++)
    {
      BmRegionControl *control = g_ptr_array_index (self->controls, i);
      const BmProgressArea *area = NULL;

      if (areas != NULL)
        area = bm_progress_find (areas, bm_region_get_id (bm_region_control_get_region (control)),
                                 bm_region_control_get_side (control));
      bm_region_control_set_change (control, area, date);
    }

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

  if (!bm_map_layout_hit_test (&self->layout, self->atlas, x, y, NULL, &region, &side))
    region = NULL;

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

  if (self->intake == NULL || self->read_only)
    return;

  if (!bm_map_layout_hit_test (&self->layout, self->atlas, x, y, &view, &region, &side))
    {
      bm_body_map_select (self, NULL, BM_SIDE_CENTER);
      return;
    }

  if (!bm_intake_get_mark (self->intake, bm_region_get_id (region), side))
    mark_region (self, region, side, BM_BODY_MAP_DEFAULT_SEVERITY);
  bm_body_map_select (self, region, side);

  if ((control = find_control (self, region, side)))
    gtk_widget_grab_focus (GTK_WIDGET (control));
  open_editor (self, region, side, view);
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
      open_editor (self, region, side, bm_region_get_primary_view (region));
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

static void
draw_shown_label (BmBodyMap *self,
                  cairo_t   *cr,
                  int        width,
                  int        height)
{
  const BmRegion *region = NULL;
  BmSide side = BM_SIDE_CENTER;
  double ax = 0, ay = 0, below = 0;
  g_autofree char *text = NULL;
  PangoLayout *layout;
  int tw, th;
  double pad = 6, x, y, w, h;

  if (!shown_label_area (self, &region, &side, &ax, &ay, &below))
    return;
  text = dup_area_text (self, region, side);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  w = tw + 2 * pad;
  h = th + pad;
  x = CLAMP (ax - w / 2, 2, MAX (2, width - w - 2));
  y = ay - h;
  if (y < 2)
    y = below;

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
  cairo_move_to (cr, x + pad, y + pad / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
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

  if (self->body_node == NULL)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (sub, &GRAPHENE_RECT_INIT (0, 0, width, height));
      bm_map_renderer_draw_body (cr, self->atlas, &self->layout, &self->style);
      cairo_destroy (cr);
      self->body_node = gtk_snapshot_free_to_node (sub);
    }
  if (self->marks_node == NULL && compared_areas (self) != NULL)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (sub, &GRAPHENE_RECT_INIT (0, 0, width, height));
      bm_map_renderer_draw_changes (cr, self->atlas, compared_areas (self), self->intake,
                                    &self->layout, &self->style);
      cairo_destroy (cr);
      self->marks_node = gtk_snapshot_free_to_node (sub);
    }
  else if (self->marks_node == NULL && self->intake != NULL &&
      (bm_intake_get_marks (self->intake)->len > 0 || bm_intake_get_avoid (self->intake)[0] != NULL))
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (sub, &GRAPHENE_RECT_INIT (0, 0, width, height));
      bm_map_renderer_draw_marks (cr, self->atlas, self->intake, &self->layout, &self->style);
      cairo_destroy (cr);
      self->marks_node = gtk_snapshot_free_to_node (sub);
    }
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
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      bm_map_renderer_draw_state (cr, self->atlas, &self->layout, &self->style, &state);
      draw_shown_label (self, cr, width, height);
      cairo_destroy (cr);
    }

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
      *natural = ceil (self->style.font_size * 3.2 + w / bm_map_layout_get_views_width (self->atlas) * vh);
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

  bm_map_layout_compute (&self->layout, self->atlas, &self->style, width, height);
  if (memcmp (&old, &self->layout, sizeof old) != 0)
    {
      g_clear_pointer (&self->body_node, gsk_render_node_unref);
      g_clear_pointer (&self->marks_node, gsk_render_node_unref);
    }

  for (guint i = 0; i < self->controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (self->controls, i);
      const BmRegion *region = bm_region_control_get_region (BM_REGION_CONTROL (control));
      GdkRectangle rect;

      if (!gtk_widget_get_visible (control))
        continue;
      if (region_rect (self, region, bm_region_control_get_side (BM_REGION_CONTROL (control)),
                       bm_region_get_primary_view (region), &rect))
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

static void
bm_body_map_set_focus_child (GtkWidget *widget,
                             GtkWidget *child)
{
  GTK_WIDGET_CLASS (bm_body_map_parent_class)->set_focus_child (widget, child);
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
  widget_class->measure = bm_body_map_measure;
  widget_class->size_allocate = bm_body_map_size_allocate;
  widget_class->css_changed = bm_body_map_css_changed;
  widget_class->set_focus_child = bm_body_map_set_focus_child;

  properties [PROP_INTAKE] =
    g_param_spec_object ("intake", NULL, NULL,
                         BM_TYPE_INTAKE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
bm_body_map_init (BmBodyMap *self)
{
  GtkEventController *controller;
  GtkGesture *click;
  guint n;

  self->atlas = bm_atlas_get_default ();
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
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

  /* One control per region and side, head to toe, left before right */
  n = bm_atlas_get_n_regions (self->atlas);
  for (guint i = 0; i < n; i++)
    {
      const BmRegion *region = bm_atlas_get_region (self->atlas, i);

      if (bm_region_is_paired (region))
        {
          GtkWidget *left = bm_region_control_new (region, BM_SIDE_LEFT);
          GtkWidget *right = bm_region_control_new (region, BM_SIDE_RIGHT);

          gtk_widget_set_parent (left, GTK_WIDGET (self));
          gtk_widget_set_parent (right, GTK_WIDGET (self));
          g_ptr_array_add (self->controls, left);
          g_ptr_array_add (self->controls, right);
        }
      else
        {
          GtkWidget *center = bm_region_control_new (region, BM_SIDE_CENTER);

          gtk_widget_set_parent (center, GTK_WIDGET (self));
          g_ptr_array_add (self->controls, center);
        }
    }


  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
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
    {
      BmRegionControl *control = g_ptr_array_index (self->controls, i);

      bm_region_control_set_mark (control,
                                  intake ? bm_intake_get_mark (intake,
                                                               bm_region_get_id (bm_region_control_get_region (control)),
                                                               bm_region_control_get_side (control)) : NULL);
    }

  bm_body_map_select (self, NULL, BM_SIDE_CENTER);
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
  open_editor (self, region, side, bm_region_get_primary_view (region));
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

  if (!bm_region_get_anchor (region, view, side, &vx, &vy))
    return FALSE;
  bm_map_layout_from_view (&self->layout, view, vx, vy, x, y);
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

  if (!g_set_object (&self->comparison, comparison))
    return;
  if (self->comparison_signals == NULL)
    {
      self->comparison_signals = g_signal_group_new (BM_TYPE_COMPARISON);
      g_signal_group_connect_swapped (self->comparison_signals, "changed",
                                      G_CALLBACK (on_comparison_changed_cb), self);
    }
  g_signal_group_set_target (self->comparison_signals, comparison);
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
