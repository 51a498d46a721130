#include "session/SensitiveClipboard.h"

#include "session/AppSettings.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace fv::desktop {

SensitiveClipboard::SensitiveClipboard(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SensitiveClipboard::clearNow);
}

SensitiveClipboard::~SensitiveClipboard()
{
    clearNow();
}

void SensitiveClipboard::copy(const QString& text, int seconds)
{
    auto* mime = new QMimeData;
    mime->setText(text);
    // Clipboard managers that honour this hint (KDE Klipper, GNOME extensions) skip history.
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime);
    m_text = text;
    m_timer.start(std::chrono::seconds(seconds > 0 ? seconds : AppSettings::clipboardClearSeconds()));
}

void SensitiveClipboard::clearNow()
{
    m_timer.stop();
    if (m_text.isEmpty())
        return;
    if (auto* clipboard = QGuiApplication::clipboard(); clipboard && clipboard->text() == m_text)
        clipboard->clear();
    m_text.fill(QChar(0));
    m_text.clear();
}

void SensitiveClipboard::clearEverythingOwned()
{
    clearNow();
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (!clipboard)
        return;
    if (clipboard->ownsClipboard())
        clipboard->clear(QClipboard::Clipboard);
    if (clipboard->supportsSelection() && clipboard->ownsSelection())
        clipboard->clear(QClipboard::Selection);
}

} // namespace fv::desktop
