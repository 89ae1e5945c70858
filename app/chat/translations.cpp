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
    if (!hearth->load(locale, QStringLiteral("hearth"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete hearth;
        return false;
    }
    QCoreApplication::installTranslator(hearth);
    return true;
}
