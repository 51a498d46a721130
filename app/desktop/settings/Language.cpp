#include "settings/Language.h"

#include "session/AppSettings.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace fv::desktop {
namespace {

std::unique_ptr<QTranslator>& ownTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator>& qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

void removeTranslators()
{
    for (std::unique_ptr<QTranslator>* slot : {&ownTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
}

} // namespace

QString effectiveLanguage()
{
    const QString chosen = AppSettings::language();
    if (!chosen.isEmpty())
        return chosen;
    return QLocale::system().language() == QLocale::Arabic ? QStringLiteral("ar") : QStringLiteral("en");
}

bool installTranslations(const QString& language)
{
    removeTranslators();
    if (language == QLatin1String("en") || language.isEmpty())
        return true;

    auto own = std::make_unique<QTranslator>();
    if (!own->load(QStringLiteral(":/i18n/fieldvault_%1.qm").arg(language)))
        return false;
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    QCoreApplication::installTranslator(own.get());
    ownTranslator() = std::move(own);
    return true;
}

} // namespace fv::desktop
