#pragma once
// The settings file (QSettings' native file: ~/.config/Hearth/Hearth.conf on Linux) checked once
// at start-up. Qt reads a damaged file as if it were empty, or half of it, and then overwrites it
// on the next save, so the user's settings would vanish without a word. A file Qt reports as
// malformed, or one holding bytes no settings file has (NUL, invalid UTF-8), is moved aside
// (Hearth.conf.damaged-YYYYMMDD-HHMMSS) and the defaults are used, with a notice saying so.
#include <QString>

class SettingsFile {
  public:
    // Checks the file; returns the notice for the user (empty when it was fine or absent). Call
    // after the application and organization names are set, before any QSettings is used.
    static QString recoverIfDamaged();
    // What the last recoverIfDamaged() returned, for the window to show when it opens.
    static QString lastNotice();
};
