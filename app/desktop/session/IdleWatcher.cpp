#include "session/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace fv::desktop {

IdleWatcher::IdleWatcher(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_holds > 0)
            return;
        m_active = false;
        emit idle();
    });
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (auto* app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleWatcher::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    restart();
}

void IdleWatcher::restart()
{
    m_active = m_timeout.count() > 0;
    if (m_active && m_holds == 0)
        m_timer.start(m_timeout);
    else
        m_timer.stop();
}

void IdleWatcher::stop()
{
    m_active = false;
    m_timer.stop();
}

void IdleWatcher::hold()
{
    ++m_holds;
    m_timer.stop();
}

void IdleWatcher::release()
{
    if (m_holds == 0)
        return;
    if (--m_holds == 0 && m_active)
        m_timer.start(m_timeout);
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    if (m_active && m_holds == 0) {
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::MouseMove:
        case QEvent::Wheel:
        case QEvent::TouchBegin:
        case QEvent::InputMethod:
            m_timer.start(m_timeout);
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace fv::desktop
