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
