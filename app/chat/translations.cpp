#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

bool installTranslations(QCoreApplication& app, const QLocale& locale)
{
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto* hearth = new QTranslator(&app);
    const bool found = hearth->load(locale, QStringLiteral("hearth"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    // Without a translation the source strings show, in English, but their plurals need the
    // English file's numerus forms ("1 token", "2 tokens" rather than "token(s)").
    if (found || hearth->load(QStringLiteral(":/i18n/hearth_en")))
        QCoreApplication::installTranslator(hearth);
    else
        delete hearth;
    return found;
}
