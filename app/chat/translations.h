#pragma once
// The window speaks the user's language where Hearth has a translation: Hearth's own strings
// (resources/translations, compiled into the QML module under :/i18n) and Qt's, for its standard
// dialogs, when the system has them. Call before the QML is loaded.
#include <QLocale>

class QCoreApplication;

// Returns whether a translation of Hearth's strings for locale was installed (English plural
// forms are installed in any case).
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale());
