/* bm-window-dnd.c: a .bodymap file dropped on the window opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-window-dnd"

#include "config.h"

#include <glib/gi18n.h>

#include "bm-window-private.h"

static gboolean
on_drop_cb (BmWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* The first intake among what was dropped */
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *base = g_file_get_basename (l->data);

      if (base && g_str_has_suffix (base, ".bodymap"))
        {
          _bm_window_guard_unsaved (self, PENDING_OPEN_FILE, l->data);
          g_slist_free (files);
          return TRUE;
        }
    }

  g_slist_free (files);
  _bm_window_show_error (self, _("Could Not Open the File"),
                         _("Only Body Map intakes (.bodymap files) can be opened here"));
  return FALSE;
}

void
_bm_window_dnd_init (BmWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
