#pragma once
// A searchable multiple choice over an ESF vocabulary (types of acts): the terms as a tree in
// the vocabulary's hierarchy, labelled in the UI language, each with a check box. Typing in
// the filter keeps the terms whose English or Arabic label (Arabic-normalised, so hamza and
// diacritics do not matter) or code contains the text, with their parents for context.
#include "core/Esf.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace fv::desktop {

class EsfPicker : public QWidget
{
    Q_OBJECT

public:
    /// Child widgets are named `prefix` + "Filter" and "Tree".
    EsfPicker(Vocabulary vocabulary, const QString& prefix, QWidget* parent = nullptr);

    /// Checks exactly `codes` (unknown codes are ignored) without emitting changed().
    void setSelectedCodes(const QStringList& codes);
    /// The checked codes, in vocabulary order.
    QStringList selectedCodes() const;
    /// Shows only the terms matching `text` (and their parents); empty shows all.
    void setFilter(const QString& text);

    QLineEdit* filterEdit() const { return m_filter; }
    QTreeWidget* tree() const { return m_tree; }

signals:
    void changed();

private:
    void updateSummary();

    Vocabulary m_vocabulary;
    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_summary = nullptr;
    QHash<QString, QTreeWidgetItem*> m_items;
    QHash<QTreeWidgetItem*, QString> m_searchText;
    bool m_loading = false;
};

} // namespace fv::desktop
