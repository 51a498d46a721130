#include "editor/EsfPicker.h"

#include "core/SearchText.h"
#include "editor/EditorText.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <functional>

namespace fv::desktop {

EsfPicker::EsfPicker(Vocabulary vocabulary, const QString& prefix, QWidget* parent)
    : QWidget(parent), m_vocabulary(vocabulary)
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(prefix + QStringLiteral("Filter"));
    m_filter->setPlaceholderText(tr("Type to filter (English or Arabic)"));
    m_filter->setAccessibleName(tr("Filter the list"));
    m_filter->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(prefix + QStringLiteral("Tree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(m_tree->fontMetrics().height() * 8);
    m_summary = new QLabel(this);
    m_summary->setObjectName(prefix + QStringLiteral("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    const QString language = uiLanguage();
    for (const EsfTerm& term : esf::terms(vocabulary)) {
        QTreeWidgetItem* parentItem = term.parent.isEmpty() ? nullptr : m_items.value(term.parent);
        auto* item = parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_tree);
        item->setText(0, esf::label(vocabulary, term.code, language));
        item->setData(0, Qt::UserRole, term.code);
        item->setToolTip(0, term.en + QStringLiteral(" / ") + term.ar);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Unchecked);
        m_items.insert(term.code, item);
        m_searchText.insert(item, normalizeForSearch(term.en + u' ' + term.ar) + u' ' +
                                      term.en.toCaseFolded() + u' ' + term.ar + u' ' + term.code);
    }
    m_tree->expandAll();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_summary);
    setFocusProxy(m_filter);

    connect(m_filter, &QLineEdit::textChanged, this, &EsfPicker::setFilter);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        if (m_loading)
            return;
        updateSummary();
        emit changed();
    });
    updateSummary();
}

void EsfPicker::setSelectedCodes(const QStringList& codes)
{
    m_loading = true;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it)
        it.value()->setCheckState(0, codes.contains(it.key()) ? Qt::Checked : Qt::Unchecked);
    m_loading = false;
    updateSummary();
}

QStringList EsfPicker::selectedCodes() const
{
    QStringList codes;
    for (const EsfTerm& term : esf::terms(m_vocabulary)) {
        if (m_items.value(term.code)->checkState(0) == Qt::Checked)
            codes.append(term.code);
    }
    return codes;
}

void EsfPicker::setFilter(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    const QString plain = text.trimmed().toCaseFolded();
    const QString normalized = normalizeForSearch(text);
    // A term shows when it matches or a descendant does.
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        const QString& haystack = m_searchText.value(item);
        bool show = plain.isEmpty() || haystack.contains(plain) ||
                    (!normalized.isEmpty() && haystack.contains(normalized));
        for (int i = 0; i < item->childCount(); ++i)
            show = visit(item->child(i)) || show;
        item->setHidden(!show);
        return show;
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        visit(m_tree->topLevelItem(i));
}

void EsfPicker::updateSummary()
{
    const QStringList codes = selectedCodes();
    QStringList labels;
    for (const QString& code : codes)
        labels.append(esf::label(m_vocabulary, code, uiLanguage()));
    m_summary->setText(
        codes.isEmpty()
            ? tr("None chosen.")
            : tr("Chosen (%n): %1", nullptr, int(codes.size())).arg(QLocale().createSeparatedList(labels)));
}

} // namespace fv::desktop
