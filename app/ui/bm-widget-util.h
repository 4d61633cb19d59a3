/* bm-widget-util.h: small helpers the widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* List rows under @root that do nothing when activated (information
 * rows, rows that only hold controls) stop taking the focus: Tab goes
 * to the controls in them, not to the row first. Call again after rows
 * are added. */
void bm_widget_unfocus_inert_rows (GtkWidget *root);

/* GTK 4.8 names a button with a mnemonic twice, by its label with the
 * underline and by the label inside it: this gives it one name, @name,
 * without the underline */
void bm_widget_name_button (GtkWidget   *button,
                            const char  *name);

/* GTK 4.8 names the text field of an AdwEntryRow after its type: the
 * row's title names it instead */
void bm_widget_name_entry_row (AdwEntryRow *row);

/* A list row with a check button in front: the row's title labels the
 * check and its subtitle (may be NULL) describes it, so a screen reader
 * says each once. In @group (may be NULL) it is a radio button. */
GtkWidget *bm_widget_check_row_new (const char      *title,
                                    const char      *subtitle,
                                    GtkCheckButton  *group,
                                    GtkCheckButton **check_out);

/* Calls @func (@widget) once, from an idle right after the first frame
 * @widget's window paints once it is realized: for what the first frame
 * can do without. @func must do nothing when what it makes is there
 * already (something that needed it sooner made it). Nothing is called
 * if @widget goes first. */
void bm_widget_after_first_frame (GtkWidget *widget,
                                  void     (*func) (GtkWidget *widget));

G_END_DECLS
