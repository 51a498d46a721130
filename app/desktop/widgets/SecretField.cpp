#include "widgets/SecretField.h"

#include "crypto/Crypto.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QStyleOptionFrame>
#include <cstring>

namespace fv::desktop {
namespace {

constexpr std::size_t kInitialCapacity = 256;
constexpr std::size_t kMaxBytes = 4096; // a passphrase, not a document

bool isContinuationByte(std::uint8_t byte)
{
    return (byte & 0xC0) == 0x80;
}

} // namespace

SecretField::SecretField(QWidget* parent) : QWidget(parent), m_buffer(kInitialCapacity)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setAttribute(Qt::WA_KeyCompression, false);
    setCursor(Qt::IBeamCursor);
    setAccessibleName(tr("Passphrase"));
}

SecretField::~SecretField() = default;

SecretBuffer SecretField::secret() const
{
    return SecretBuffer::copyOf(view());
}

ByteView SecretField::view() const noexcept
{
    return {m_buffer.data(), m_size};
}

int SecretField::length() const noexcept
{
    int count = 0;
    for (std::size_t i = 0; i < m_size; ++i)
        count += isContinuationByte(m_buffer.data()[i]) ? 0 : 1;
    return count;
}

void SecretField::clear()
{
    if (m_size == 0)
        return;
    wipeMemory(m_buffer.span());
    m_size = 0;
    update();
    emit changed();
}

void SecretField::setRevealed(bool revealed)
{
    m_revealed = revealed;
    update();
}

void SecretField::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

QSize SecretField::sizeHint() const
{
    QStyleOptionFrame option;
    option.initFrom(this);
    const QFontMetrics metrics(font());
    const QSize content(metrics.horizontalAdvance(QLatin1Char('x')) * 24, metrics.height() + 6);
    return style()->sizeFromContents(QStyle::CT_LineEdit, &option, content, this);
}

QSize SecretField::minimumSizeHint() const
{
    const QFontMetrics metrics(font());
    return {metrics.horizontalAdvance(QLatin1Char('x')) * 8, sizeHint().height()};
}

QVariant SecretField::inputMethodQuery(Qt::InputMethodQuery query) const
{
    switch (query) {
    case Qt::ImEnabled:
        return true;
    case Qt::ImHints:
        return int(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                   Qt::ImhNoAutoUppercase);
    case Qt::ImSurroundingText:
    case Qt::ImCurrentSelection:
        return QString();
    default:
        return QWidget::inputMethodQuery(query);
    }
}

void SecretField::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        emit returnPressed();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape ||
        (event->key() == Qt::Key_Backspace && event->modifiers() & Qt::ControlModifier)) {
        clear();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Backspace) {
        removeLast();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        // The pasted text passes through an ordinary QString: overwritten once copied into the
        // guarded buffer (the clipboard's own copy belongs to whoever put it there).
        QString pasted = QApplication::clipboard()->text();
        append(pasted);
        pasted.fill(QChar(0));
        event->accept();
        return;
    }
    const QString text = event->text();
    if (!text.isEmpty() && text.at(0).isPrint() && !(event->modifiers() & Qt::ControlModifier)) {
        append(text);
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event); // Tab, shortcuts
}

void SecretField::inputMethodEvent(QInputMethodEvent* event)
{
    if (!event->commitString().isEmpty())
        append(event->commitString());
    event->accept();
}

void SecretField::append(QStringView text)
{
    QByteArray utf8 = text.toUtf8();
    const std::size_t needed = m_size + std::size_t(utf8.size());
    if (utf8.isEmpty() || needed > kMaxBytes) {
        wipeMemory({reinterpret_cast<std::uint8_t*>(utf8.data()), std::size_t(utf8.size())});
        return;
    }
    if (needed > m_buffer.size()) {
        SecretBuffer bigger(std::max(needed, m_buffer.size() * 2));
        std::memcpy(bigger.data(), m_buffer.data(), m_size);
        m_buffer = std::move(bigger);
    }
    std::memcpy(m_buffer.data() + m_size, utf8.constData(), std::size_t(utf8.size()));
    m_size = needed;
    wipeMemory({reinterpret_cast<std::uint8_t*>(utf8.data()), std::size_t(utf8.size())});
    update();
    emit changed();
}

void SecretField::removeLast()
{
    if (m_size == 0)
        return;
    std::size_t end = m_size;
    do {
        --end;
    } while (end > 0 && isContinuationByte(m_buffer.data()[end]));
    wipeMemory({m_buffer.data() + end, m_size - end});
    m_size = end;
    update();
    emit changed();
}

QString SecretField::displayText() const
{
    if (m_revealed)
        return QString::fromUtf8(reinterpret_cast<const char*>(m_buffer.data()), qsizetype(m_size));
    return QString(length(), QChar(0x2022));
}

void SecretField::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    QStyleOptionFrame frame;
    frame.initFrom(this);
    frame.lineWidth = style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &frame, this);
    frame.midLineWidth = 0;
    frame.state |= QStyle::State_Sunken;
    if (hasFocus())
        frame.state |= QStyle::State_HasFocus;
    style()->drawPrimitive(QStyle::PE_PanelLineEdit, &frame, &painter, this);

    const QRect area =
        style()->subElementRect(QStyle::SE_LineEditContents, &frame, this).adjusted(4, 0, -4, 0);
    const bool empty = m_size == 0;
    QString text = empty ? m_placeholder : displayText();
    painter.setPen(palette().color(empty ? QPalette::PlaceholderText : QPalette::Text));
    const Qt::Alignment align =
        Qt::AlignVCenter | (layoutDirection() == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    const QFontMetrics metrics(font());
    QRect bounds = metrics.boundingRect(area, int(align), text);
    painter.drawText(area, int(align), text);
    if (hasFocus()) {
        const int x = empty ? (layoutDirection() == Qt::RightToLeft ? area.right() : area.left())
                            : (layoutDirection() == Qt::RightToLeft ? bounds.left() - 1 : bounds.right() + 1);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawLine(x, area.center().y() - metrics.ascent() / 2, x,
                         area.center().y() + metrics.ascent() / 2);
    }
    text.fill(QChar(0));
}

void SecretField::focusInEvent(QFocusEvent* event)
{
    update();
    QWidget::focusInEvent(event);
}

void SecretField::focusOutEvent(QFocusEvent* event)
{
    update();
    QWidget::focusOutEvent(event);
}

void SecretField::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    QWidget::mousePressEvent(event);
}

} // namespace fv::desktop
