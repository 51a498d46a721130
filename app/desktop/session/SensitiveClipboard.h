#pragma once
// Puts sensitive text (a recovery key, a card, a witness detail) on the clipboard and takes it
// off again after AppSettings::clipboardClearSeconds(), on lock and on exit — unless the person
// has copied something else meanwhile, which is left alone.
#include <QObject>
#include <QString>
#include <QTimer>

namespace fv::desktop {

class SensitiveClipboard : public QObject
{
    Q_OBJECT

public:
    explicit SensitiveClipboard(QObject* parent = nullptr);
    /// Clears (see clearNow()).
    ~SensitiveClipboard() override;

    /// Copies `text` and starts the countdown (seconds from AppSettings unless `seconds` > 0).
    void copy(const QString& text, int seconds = 0);
    /// Clears the clipboard now if it still holds what copy() put there.
    void clearNow();
    /// clearNow(), and also whatever else this app put on the clipboard or the X11 primary
    /// selection (text the person copied or selected in a testimony): for lock and exit,
    /// after which it must not be pasteable elsewhere or kept by a clipboard manager.
    void clearEverythingOwned();
    bool holdsCopy() const noexcept { return !m_text.isEmpty(); }

private:
    QTimer m_timer;
    QString m_text;
};

} // namespace fv::desktop
