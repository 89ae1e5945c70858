#include "hearth/tokenizer.h"
#include "tokenizer_impl.h"

namespace hearth {

TextStream::TextStream(const Tokenizer& tokenizer, bool render_special)
    : m_tokenizer(&tokenizer), m_render_special(render_special)
{
}

std::string TextStream::push(int32_t id)
{
    std::string bytes;
    m_tokenizer->m_impl->append_piece(id, m_render_special, m_at_start, bytes);
    return m_utf8.push(bytes);
}

std::string TextStream::finish()
{
    m_at_start = true;
    return m_utf8.finish();
}

} // namespace hearth
