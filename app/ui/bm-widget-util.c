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
