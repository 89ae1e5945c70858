#pragma once
// Cuts a document's text into chunks of at most a token budget, counted by the caller's counter
// (the loaded model's tokenizer, or estimateTokens without one). Cuts fall between paragraphs
// where possible, else between sentences, else between words, else between characters
// (graphemes), so a chunk reads as whole text. The chunks are contiguous: together they cover the
// text exactly once, separators included, so char ranges map back to pages and sections.
#include "document.h"

#include <functional>
#include <QList>
#include <QString>

using TokenCounter = std::function<int(const QString&)>;

struct Chunk {
    int index = 0;
    qsizetype start = 0;
    qsizetype end = 0; // [start, end) in Document::text
    int firstPage = 0; // 0 when the document has no pages
    int lastPage = 0;
    QString section; // the section the chunk starts in
    int tokens = 0;  // by the counter that made it
};

class Chunker {
  public:
    // Without a model, a token is about four characters of English text (rounded up), which
    // over-estimates most languages' token counts slightly: chunks stay within a real budget.
    static constexpr int kDefaultBudget = 512;
    static int estimateTokens(const QString& text) { return static_cast<int>((text.size() + 3) / 4); }

    // budget >= 1. Throws hearth::Error when a single character exceeds it.
    Chunker(int budget, TokenCounter counter);

    QList<Chunk> chunk(const Document& document) const;
    // The [start, end) ranges alone.
    QList<std::pair<qsizetype, qsizetype>> split(const QString& text) const;

  private:
    enum class Level { Paragraph, Sentence, Word, Character };
    using Range = std::pair<qsizetype, qsizetype>;

    QList<Range> pieces(const QString& text, Range range, Level level) const;
    void atoms(const QString& text, Range range, Level level, QList<Range>* out, QList<int>* tokens) const;
    int count(const QString& text, Range range) const;

    int m_budget;
    TokenCounter m_counter;
};
