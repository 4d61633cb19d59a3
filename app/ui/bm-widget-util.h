/* bm-widget-util.h: small helpers the widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* List rows under @root that do nothing when activated (information
 * rows, rows that only hold controls) stop taking the focus: Tab goes
 * to the controls in them, not to the row first. Call again after rows
 * are added. */
void bm_widget_unfocus_inert_rows (GtkWidget *root);

G_END_DECLS
