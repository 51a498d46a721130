#pragma once
// A passphrase entry that keeps what is typed in guarded memory (SecretBuffer), never in a
// QString: QLineEdit would keep the text, its undo history and its copies in ordinary heap.
// Editing is deliberately simple: characters are added at the end, Backspace removes the last
// one, Ctrl+Backspace and Escape clear, Ctrl+V pastes, Enter emits returnPressed(). Input
// methods (Arabic and other layouts, compose keys) are supported. Nothing can be copied out.
#include "crypto/SecretBuffer.h"

#include <QWidget>

namespace fv::desktop {

class SecretField : public QWidget
{
    Q_OBJECT

public:
    explicit SecretField(QWidget* parent = nullptr);
    ~SecretField() override;

    /// A guarded copy of the UTF-8 bytes typed so far.
    SecretBuffer secret() const;
    /// The UTF-8 bytes typed so far, without a copy (valid until the next edit).
    ByteView view() const noexcept;
    bool isEmpty() const noexcept { return m_size == 0; }
    /// Characters (Unicode code points) typed so far.
    int length() const noexcept;
    /// Wipes the content.
    void clear();
    /// Shows the text instead of dots (a person checking an Arabic passphrase, alone).
    void setRevealed(bool revealed);
    bool isRevealed() const noexcept { return m_revealed; }
    void setPlaceholderText(const QString& text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;

signals:
    void changed();
    void returnPressed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void append(QStringView text);
    void removeLast();
    QString displayText() const;

    SecretBuffer m_buffer;
    std::size_t m_size = 0;
    bool m_revealed = false;
    QString m_placeholder;
};

} // namespace fv::desktop
