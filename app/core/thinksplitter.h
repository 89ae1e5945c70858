#pragma once
// Separates a reasoning model's thinking from its answer while the text streams in:
// "<think>...</think>" goes to reasoning, the rest to content. Tags split across pieces are held
// back until it is clear whether they are tags.
#include <QString>

class ThinkSplitter {
  public:
    struct Delta {
        QString content;
        QString reasoning;
    };

    Delta push(const QString& piece);
    Delta finish(); // whatever was held back, as what it turned out to be

  private:
    Delta drain(bool final);

    QString m_pending;
    bool m_thinking = false;
};
