/* bm-adaptive-box.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BM_TYPE_ADAPTIVE_BOX (bm_adaptive_box_get_type ())

G_DECLARE_FINAL_TYPE (BmAdaptiveBox, bm_adaptive_box, BM, ADAPTIVE_BOX, GtkWidget)

/* Two children: the main one and a side panel. Wide, the panel sits at the
 * end with a fixed width; narrow (a phone, a kiosk tablet), it goes under
 * the main child. */
GtkWidget *bm_adaptive_box_new      (void);
gboolean   bm_adaptive_box_is_narrow (BmAdaptiveBox *self);
void       bm_adaptive_box_set_panel (BmAdaptiveBox *self,
                                      GtkWidget     *panel);

G_END_DECLS
