#pragma once
// Watches the person's input (keys, mouse, wheel, touch) in every window of the app and emits
// idle() once no input has arrived for the timeout. Used to lock the vault on idle.
#include <QObject>
#include <QTimer>
#include <chrono>

namespace fv::desktop {

class IdleWatcher : public QObject
{
    Q_OBJECT

public:
    /// Watches qApp's events from now on; disabled until setTimeout() gets a positive value.
    explicit IdleWatcher(QObject* parent = nullptr);
    ~IdleWatcher() override;

    /// Idle time before idle(); zero disables. Restarts the count.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const noexcept { return m_timeout; }
    /// Starts counting again from now (as if the person had pressed a key).
    void restart();
    /// Pauses watching (while locked); restart() resumes.
    void stop();
    /// While at least one hold is taken (a recording runs, the recovery key is on screen),
    /// idle() is not emitted; the count starts afresh when the last hold is released.
    void hold();
    void release();
    bool isHeld() const noexcept { return m_holds > 0; }

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
    std::chrono::milliseconds m_timeout{0};
    bool m_active = false;
    int m_holds = 0;
};

} // namespace fv::desktop
