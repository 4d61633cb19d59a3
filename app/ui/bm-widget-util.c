/* bm-widget-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bm-widget-util.h"

void
bm_widget_unfocus_inert_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LIST_BOX_ROW (root) && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (root)))
    gtk_widget_set_focusable (root, FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    bm_widget_unfocus_inert_rows (child);
}

void
bm_widget_name_button (GtkWidget  *button,
                       const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
bm_widget_name_entry_row (AdwEntryRow *row)
{
  GtkEditable *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  /* The row's title labels the row, not the text field that takes focus */
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (GTK_IS_TEXT (text))
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

GtkWidget *
bm_widget_check_row_new (const char      *title,
                         const char      *subtitle,
                         GtkCheckButton  *group,
                         GtkCheckButton **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (check_out != NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* This also labels the check by the row's title and describes it by the
   * subtitle. A label of its own would be said as well ("Neck Neck"). */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

#define AFTER_FIRST_FRAME_KEY "bm-widget-after-first-frame"

typedef struct
{
  GtkWidget      *widget;       /* the owner of this, as its data */
  void          (*func) (GtkWidget *widget);
  GdkFrameClock  *clock;
  gulong          paint_id;
  gulong          realize_id;
  gulong          unrealize_id;
  gulong          destroy_id;
  guint           idle_id;
} AfterFirstFrame;

static void
stop_waiting_for_paint (AfterFirstFrame *after)
{
  if (after->clock != NULL)
    g_clear_signal_handler (&after->paint_id, after->clock);
  g_clear_object (&after->clock);
}

static void
after_first_frame_free (AfterFirstFrame *after)
{
  stop_waiting_for_paint (after);
  g_clear_handle_id (&after->idle_id, g_source_remove);
  g_clear_signal_handler (&after->realize_id, after->widget);
  g_clear_signal_handler (&after->unrealize_id, after->widget);
  g_clear_signal_handler (&after->destroy_id, after->widget);
  g_free (after);
}

static gboolean
on_after_first_frame_idle_cb (gpointer user_data)
{
  AfterFirstFrame *after = user_data;
  GtkWidget *widget = after->widget;
  void (*func) (GtkWidget *widget) = after->func;

  after->idle_id = 0;
  /* Frees @after: the call is the last thing it waited for */
  g_object_set_data (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY, NULL);
  func (widget);
  return G_SOURCE_REMOVE;
}

static void
on_after_first_frame_paint_cb (GdkFrameClock   *clock,
                               AfterFirstFrame *after)
{
  /* Right after the frame, not within it */
  stop_waiting_for_paint (after);
  if (after->idle_id == 0)
    after->idle_id = g_idle_add (on_after_first_frame_idle_cb, after);
}

static void
on_after_first_frame_realize_cb (GtkWidget       *widget,
                                 AfterFirstFrame *after)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock == NULL || after->paint_id != 0 || after->idle_id != 0)
    return;
  after->clock = g_object_ref (clock);
  after->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_first_frame_paint_cb), after);
}

static void
on_after_first_frame_unrealize_cb (GtkWidget       *widget,
                                   AfterFirstFrame *after)
{
  /* The frame clock goes with the surface; the next one is waited for */
  stop_waiting_for_paint (after);
}

/* A widget going away calls nothing more */
static void
on_after_first_frame_destroy_cb (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY, NULL);
}

void
bm_widget_after_first_frame (GtkWidget *widget,
                             void     (*func) (GtkWidget *widget))
{
  AfterFirstFrame *after;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  after = g_new0 (AfterFirstFrame, 1);
  after->widget = widget;
  after->func = func;
  after->realize_id = g_signal_connect (widget, "realize", G_CALLBACK (on_after_first_frame_realize_cb), after);
  after->unrealize_id = g_signal_connect (widget, "unrealize", G_CALLBACK (on_after_first_frame_unrealize_cb),
                                          after);
  after->destroy_id = g_signal_connect (widget, "destroy", G_CALLBACK (on_after_first_frame_destroy_cb), NULL);
  g_object_set_data_full (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY, after,
                          (GDestroyNotify) after_first_frame_free);
  if (gtk_widget_get_realized (widget))
    on_after_first_frame_realize_cb (widget, after);
}
