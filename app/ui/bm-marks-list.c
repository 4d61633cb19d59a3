/* bm-marks-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-marks-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bm-date.h"
#include "bm-map-renderer.h"
#include "bm-marks-list.h"
#include "bm-widget-util.h"

struct _BmMarksList
{
  GtkWidget   parent_instance;

  BmAtlas    *atlas;
  BmIntake   *intake;
  GSignalGroup *intake_signals;
  guint       rebuild_id;    /* a new document's rows, after the first frame */
  gboolean    syncing;
  gboolean    linking;       /* following the linked map's selection, or it ours */
  gboolean    disposed;

  GtkWidget  *stack;
  GtkListBox *list_box;
  /* The last visit's marks, to confirm or clear */
  GtkWidget  *last_box;
  GtkLabel   *last_heading;
  GtkListBox *last_list;

  BmComparison *comparison;
  GSignalGroup *comparison_signals;
};

G_DEFINE_FINAL_TYPE (BmMarksList, bm_marks_list, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  const BmRegion *region;
  BmSide          side;
} RowData;

static int
mark_order (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  BmAtlas *atlas = user_data;
  const BmMark *ma = *(const BmMark **) a;
  const BmMark *mb = *(const BmMark **) b;
  const BmRegion *ra = bm_atlas_lookup (atlas, ma->region);
  const BmRegion *rb = bm_atlas_lookup (atlas, mb->region);
  guint ia = ra ? bm_region_get_index (ra) : G_MAXUINT;
  guint ib = rb ? bm_region_get_index (rb) : G_MAXUINT;

  if (ia != ib)
    return ia < ib ? -1 : 1;
  return (int) ma->side - (int) mb->side;
}

static void
draw_chip (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  int severity = GPOINTER_TO_INT (user_data);
  BmColor color;
  g_autofree char *text = g_strdup_printf ("%d", severity);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), text);
  int tw, th;
  double r = MIN (width, height) / 2.0;

  bm_severity_get_color (severity, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, r - 1, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  pango_layout_get_pixel_size (layout, &tw, &th);
  if (0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue < 0.45)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.14, 0.12, 0.19);
  cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_change_chip (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  BmProgressKind kind = GPOINTER_TO_INT (user_data);
  BmColor color, ink;
  double r = MIN (width, height) / 2.0;

  bm_progress_get_color (kind, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, r - 1, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  if (kind == BM_PROGRESS_RESOLVED)
    {
      double dash[] = { 3, 2 };

      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue < 0.45)
    ink = (BmColor) { 1, 1, 1, 1 };
  else
    ink = (BmColor) { 0.14, 0.12, 0.19, 1 };
  bm_map_renderer_draw_change_symbol (cr, kind, width / 2.0, height / 2.0, r, &ink);
}

/* Compare mode: "6 → 4 · Better", "New, 6/10", "4 → resolved" */
static char *
dup_change_text (const BmProgressArea *area)
{
  switch (area->kind)
    {
    case BM_PROGRESS_NEW:
      /* Translators: an area not marked at the earlier visit, "New, 6/10" */
      return g_strdup_printf (_("New, %d/10"), area->now);
    case BM_PROGRESS_RESOLVED:
      /* Translators: an area marked at the earlier visit, not now: "4 → resolved" */
      return g_strdup_printf (_("%d → resolved"), area->before);
    case BM_PROGRESS_BETTER:
    case BM_PROGRESS_WORSE:
    case BM_PROGRESS_SAME:
    default:
      /* Translators: severity then and now and the change, "6 → 4 · Better" */
      return g_strdup_printf (_("%d → %d · %s"), area->before, area->now,
                              bm_progress_kind_get_label (area->kind));
    }
}

static GtkWidget *
create_row (BmMarksList          *self,
            const BmMark         *mark,
            const BmProgressArea *change)
{
  const BmRegion *region = bm_atlas_lookup (self->atlas, mark->region);
  g_autofree char *title = bm_region_dup_label (region, mark->side);
  GString *subtitle = g_string_new (NULL);
  g_autofree char *subtitle_text = NULL;
  GtkWidget *row, *chip;
  RowData *data;

  if (change != NULL)
    {
      g_autofree char *text = dup_change_text (change);

      g_string_append (subtitle, text);
    }
  else
    g_string_append_printf (subtitle, "%s, %d/10",
                            bm_severity_band_label (bm_severity_get_band (mark->severity)),
                            mark->severity);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (mark->symptoms & bm_symptom_nth (i))
      g_string_append_printf (subtitle, " · %s", bm_symptom_get_label (bm_symptom_nth (i)));
  if (mark->note)
    g_string_append_printf (subtitle, "\n%s", mark->note);
  subtitle_text = g_string_free (subtitle, FALSE);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  chip = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (chip), 26);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chip), 26);
  if (change != NULL)
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_change_chip,
                                    GINT_TO_POINTER (change->kind), NULL);
  else
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_chip,
                                    GINT_TO_POINTER (mark->severity), NULL);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);

  data = g_new0 (RowData, 1);
  data->region = region;
  data->side = mark->side;
  g_object_set_data_full (G_OBJECT (row), "bm-row-data", data, g_free);

  return row;
}

/* Compare mode: an area marked then and not now. Selecting it selects it
 * on the map; it has no mark to edit. */
static GtkWidget *
create_resolved_row (BmMarksList          *self,
                     const BmProgressArea *change)
{
  const BmRegion *region = bm_atlas_lookup (self->atlas, change->region);
  g_autofree char *title = bm_region_dup_label (region, change->side);
  g_autofree char *subtitle = dup_change_text (change);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *chip = gtk_drawing_area_new ();
  RowData *data;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (chip), 26);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chip), 26);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_change_chip,
                                  GINT_TO_POINTER (change->kind), NULL);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);

  data = g_new0 (RowData, 1);
  data->region = region;
  data->side = change->side;
  g_object_set_data_full (G_OBJECT (row), "bm-row-data", data, g_free);

  return row;
}

static GPtrArray *
compared_areas (BmMarksList *self)
{
  if (self->comparison == NULL || self->intake == NULL ||
      bm_comparison_get_intake (self->comparison) != self->intake)
    return NULL;
  return bm_comparison_get_areas (self->comparison);
}

/* "Still there": the same as last time, now today's mark (one undo step);
 * to change it, it is edited as any mark */
static void
on_last_confirm_clicked_cb (GtkButton   *button,
                            BmMarksList *self)
{
  const BmMark *mark = g_object_get_data (G_OBJECT (button), "bm-mark");

  if (self->intake && mark)
    bm_intake_set_mark (self->intake, mark, FALSE);
}

static void
on_last_clear_clicked_cb (GtkButton   *button,
                          BmMarksList *self)
{
  const BmMark *mark = g_object_get_data (G_OBJECT (button), "bm-mark");

  if (self->intake && mark)
    {
      g_autofree char *region = g_strdup (mark->region);

      bm_intake_clear_last_time (self->intake, region, mark->side);
    }
}

static GtkWidget *
create_last_row (BmMarksList  *self,
                 const BmMark *mark)
{
  const BmRegion *region = bm_atlas_lookup (self->atlas, mark->region);
  g_autofree char *title = bm_region_dup_label (region, mark->side);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *confirm = gtk_button_new_with_mnemonic (_("Still _There"));
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  g_autofree char *confirm_name = NULL;
  g_autofree char *clear_name = NULL;

  /* Translators: last time's severity, "6/10" */
  g_string_append_printf (subtitle, _("%d/10"), mark->severity);
  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (mark->symptoms & bm_symptom_nth (i))
      g_string_append_printf (subtitle, " · %s", bm_symptom_get_label (bm_symptom_nth (i)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  /* Each button says which area it is for, to a screen reader */
  /* Translators: accessible name of the button, "Left calf still there" */
  confirm_name = g_strdup_printf (_("%s still there"), title);
  /* Translators: accessible name of the button, "Clear left calf from last time" */
  clear_name = g_strdup_printf (_("Clear %s from last time"), title);
  bm_widget_name_button (confirm, confirm_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, clear_name, -1);
  gtk_widget_set_tooltip_text (confirm, _("It still hurts as last time: mark it for today"));
  gtk_widget_set_tooltip_text (clear, _("It no longer hurts: clear it"));
  gtk_widget_set_valign (confirm, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  g_object_set_data (G_OBJECT (confirm), "bm-mark", (gpointer) mark);
  g_object_set_data (G_OBJECT (clear), "bm-mark", (gpointer) mark);
  g_signal_connect_object (confirm, "clicked", G_CALLBACK (on_last_confirm_clicked_cb), self, 0);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (on_last_clear_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), confirm);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
rebuild_last_time (BmMarksList *self)
{
  g_autoptr(GPtrArray) last = self->intake ? bm_intake_dup_last_time (self->intake) : g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->last_list))))
    gtk_list_box_remove (self->last_list, child);
  g_ptr_array_sort_with_data (last, mark_order, self->atlas);
  for (guint i = 0; i < last->len; i++)
    if (bm_atlas_lookup (self->atlas, ((BmMark *) g_ptr_array_index (last, i))->region))
      gtk_list_box_append (self->last_list, create_last_row (self, g_ptr_array_index (last, i)));
  if (last->len > 0)
    {
      /* Translators: a date, "23 Nov" (strftime) */
      g_autofree char *day = bm_date_format (bm_intake_get_last_time_date (self->intake), _("%-d %b"));
      /* Translators: heading of the last visit's marks, "Last Time, 23 Nov" */
      g_autofree char *heading = g_strdup_printf (_("Last Time, %s"), day);

      gtk_label_set_label (self->last_heading, heading);
    }
  gtk_widget_set_visible (self->last_box, last->len > 0);
}

static RowData *
row_data (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "bm-row-data") : NULL;
}

static void
rebuild (BmMarksList *self)
{
  g_autoptr(GPtrArray) marks = NULL;
  GPtrArray *areas;
  const BmRegion *selected;
  BmSide selected_side;
  GtkWidget *child;
  guint n_rows;

  selected = bm_marks_list_get_selected (self, &selected_side);

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  marks = g_ptr_array_new ();
  if (self->intake != NULL)
    {
      GPtrArray *all = bm_intake_get_marks (self->intake);

      for (guint i = 0; i < all->len; i++)
        if (bm_atlas_lookup (self->atlas, ((BmMark *) g_ptr_array_index (all, i))->region))
          g_ptr_array_add (marks, g_ptr_array_index (all, i));
    }
  g_ptr_array_sort_with_data (marks, mark_order, self->atlas);

  areas = compared_areas (self);
  if (areas != NULL)
    {
      /* Head to toe, today's areas and the resolved ones together */
      for (guint i = 0; i < areas->len; i++)
        {
          const BmProgressArea *area = g_ptr_array_index (areas, i);
          const BmMark *mark = bm_intake_get_mark (self->intake, area->region, area->side);

          gtk_list_box_append (self->list_box,
                               mark ? create_row (self, mark, area) : create_resolved_row (self, area));
        }
      n_rows = areas->len;
    }
  else
    {
      for (guint i = 0; i < marks->len; i++)
        gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (marks, i), NULL));
      n_rows = marks->len;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n_rows ? "list" : "empty");
  rebuild_last_time (self);
  bm_marks_list_select (self, selected, selected_side);
  self->syncing = FALSE;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  BmMarksList *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
flush_rebuild (BmMarksList *self)
{
  if (self->rebuild_id != 0)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      rebuild (self);
    }
}

static void
on_intake_mark_changed_cb (BmMarksList *self,
                           const char  *region,
                           int          side,
                           BmIntake    *intake)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild (self);
}

static void
on_comparison_changed_cb (BmMarksList  *self,
                          BmComparison *comparison)
{
  /* A new document's rows are still on their way: they will be built
   * with the comparison */
  if (self->rebuild_id != 0)
    return;
  rebuild (self);
}

static void
on_row_selected_cb (BmMarksList   *self,
                    GtkListBoxRow *row,
                    GtkListBox    *list_box)
{
  if (!self->syncing)
    g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

static void
on_row_activated_cb (BmMarksList   *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list_box)
{
  RowData *data = row_data (row);

  if (data != NULL)
    g_signal_emit (self, signals [ACTIVATED], 0, data->region, data->side);
}

static void
bm_marks_list_dispose (GObject *object)
{
  BmMarksList *self = (BmMarksList *)object;

  self->disposed = TRUE;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->intake_signals)
    g_signal_group_set_target (self->intake_signals, NULL);
  g_clear_object (&self->intake_signals);
  g_clear_object (&self->intake);
  if (self->comparison_signals)
    g_signal_group_set_target (self->comparison_signals, NULL);
  g_clear_object (&self->comparison_signals);
  g_clear_object (&self->comparison);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->last_box, gtk_widget_unparent);

  G_OBJECT_CLASS (bm_marks_list_parent_class)->dispose (object);
}

static void
bm_marks_list_class_init (BmMarksListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bm_marks_list_dispose;

  /**
   * BmMarksList::selection-changed:
   */
  signals [SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BmMarksList::activated:
   * @region: (type gpointer): the #BmRegion
   * @side: the #BmSide
   *
   * A row was activated: the user wants to edit that mark.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markslist");
}

static void
bm_marks_list_init (BmMarksList *self)
{
  GtkWidget *empty;

  self->atlas = bm_atlas_get_default ();
  self->intake_signals = g_signal_group_new (BM_TYPE_INTAKE);
  g_signal_group_connect_swapped (self->intake_signals, "mark-changed",
                                  G_CALLBACK (on_intake_mark_changed_cb), self);

  /* Only the page on show is measured: the long, wrapping hint of the empty
   * page costs nothing while there are rows */
  self->stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list_box), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Marked areas"),
                                  -1);
  g_signal_connect_object (self->list_box, "row-selected",
                           G_CALLBACK (on_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_box, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->list_box), "list");

  empty = gtk_label_new (_("Nothing marked yet. Click the body where it hurts, or move there with Tab and the arrow keys and press Space."));
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_valign (empty, GTK_ALIGN_START);
  gtk_widget_set_margin_top (empty, 12);
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");

  /* Shown while a document's rows are on their way, rather than the hint
   * that nothing is marked */
  gtk_stack_add_named (GTK_STACK (self->stack), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "pending");

  /* Below: the last visit's marks, on a new visit */
  {
    GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

    gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
    gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
  }
  self->last_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->last_heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->last_heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->last_heading), "heading");
  gtk_box_append (GTK_BOX (self->last_box), GTK_WIDGET (self->last_heading));
  {
    GtkWidget *hint = gtk_label_new (_("Where it hurt at the last visit. Mark what still hurts today, and clear the rest."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_box_append (GTK_BOX (self->last_box), hint);
  }
  self->last_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->last_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->last_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->last_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Marked last time"), -1);
  gtk_box_append (GTK_BOX (self->last_box), GTK_WIDGET (self->last_list));
  gtk_widget_set_visible (self->last_box, FALSE);
  gtk_widget_set_parent (self->last_box, GTK_WIDGET (self));
}

GtkWidget *
bm_marks_list_new (void)
{
  return g_object_new (BM_TYPE_MARKS_LIST, NULL);
}

void
bm_marks_list_set_intake (BmMarksList *self,
                          BmIntake    *intake)
{
  g_return_if_fail (BM_IS_MARKS_LIST (self));

  if (self->intake == intake)
    return;
  g_set_object (&self->intake, intake);
  g_signal_group_set_target (self->intake_signals, intake);

  /* Measuring many rows of text is slow: the map comes first */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->rebuild_id = g_idle_add_full (G_PRIORITY_LOW, rebuild_cb, self, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "pending");
}

const BmRegion *
bm_marks_list_get_selected (BmMarksList *self,
                            BmSide      *side)
{
  RowData *data;

  g_return_val_if_fail (BM_IS_MARKS_LIST (self), NULL);

  flush_rebuild (self);
  data = row_data (gtk_list_box_get_selected_row (self->list_box));
  if (side)
    *side = data ? data->side : BM_SIDE_CENTER;
  return data ? data->region : NULL;
}

void
bm_marks_list_select (BmMarksList    *self,
                      const BmRegion *region,
                      BmSide          side)
{
  GtkWidget *child;
  gboolean was_syncing = self->syncing;

  g_return_if_fail (BM_IS_MARKS_LIST (self));

  if (!self->syncing)
    flush_rebuild (self);
  self->syncing = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RowData *data = GTK_IS_LIST_BOX_ROW (child) ? row_data (GTK_LIST_BOX_ROW (child)) : NULL;

      if (data && data->region == region && data->side == side)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          self->syncing = was_syncing;
          return;
        }
    }
  gtk_list_box_unselect_all (self->list_box);
  self->syncing = was_syncing;
}

void
bm_marks_list_set_comparison (BmMarksList  *self,
                              BmComparison *comparison)
{
  g_return_if_fail (BM_IS_MARKS_LIST (self));
  g_return_if_fail (comparison == NULL || BM_IS_COMPARISON (comparison));

  if (!bm_comparison_follow (&self->comparison, &self->comparison_signals, comparison,
                             G_CALLBACK (on_comparison_changed_cb), self))
    return;
  on_comparison_changed_cb (self, comparison);
}

guint
bm_marks_list_get_n_rows (BmMarksList *self)
{
  guint n = 0;

  g_return_val_if_fail (BM_IS_MARKS_LIST (self), 0);

  flush_rebuild (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

GtkListBox *
bm_marks_list_get_list_box (BmMarksList *self)
{
  g_return_val_if_fail (BM_IS_MARKS_LIST (self), NULL);
  flush_rebuild (self);
  return self->list_box;
}

static void
on_linked_map_selection_cb (BmMarksList *self,
                            BmBodyMap   *map)
{
  const BmRegion *region;
  BmSide side;

  /* Not while either is taken apart */
  if (self->linking || self->disposed || gtk_widget_get_parent (GTK_WIDGET (map)) == NULL)
    return;
  self->linking = TRUE;
  region = bm_body_map_get_selected (map, &side);
  bm_marks_list_select (self, region, side);
  self->linking = FALSE;
}

static void
on_linked_list_selection_cb (BmBodyMap   *map,
                             BmMarksList *self)
{
  const BmRegion *region;
  BmSide side;

  if (self->linking || self->disposed || gtk_widget_get_parent (GTK_WIDGET (map)) == NULL)
    return;
  self->linking = TRUE;
  region = bm_marks_list_get_selected (self, &side);
  bm_body_map_select (map, region, side);
  self->linking = FALSE;
}

static void
on_linked_list_activated_cb (BmBodyMap      *map,
                             const BmRegion *region,
                             int             side,
                             BmMarksList    *self)
{
  if (!self->disposed)
    bm_body_map_edit (map, region, side);
}

void
bm_marks_list_link_map (BmMarksList *self,
                        BmBodyMap   *map)
{
  const BmRegion *region;
  BmSide side;

  g_return_if_fail (BM_IS_MARKS_LIST (self));
  g_return_if_fail (BM_IS_BODY_MAP (map));

  g_signal_connect_object (map, "selection-changed", G_CALLBACK (on_linked_map_selection_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "selection-changed", G_CALLBACK (on_linked_list_selection_cb), map,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "activated", G_CALLBACK (on_linked_list_activated_cb), map,
                           G_CONNECT_SWAPPED);

  /* What the map had selected before the list was there */
  region = bm_body_map_get_selected (map, &side);
  if (region != NULL)
    bm_marks_list_select (self, region, side);
}
