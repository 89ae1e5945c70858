// Session: one conversation's KV cache, with prompt reuse and context-full truncation.
#include "runtime/session.h"

#include "hearth/error.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace hearth {
namespace {

constexpr char kStateMagic[8] = {'H', 'R', 'T', 'H', 'S', 'E', 'S', '1'};

template <class T> void write_value(std::ofstream& out, const T& value)
{
    out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <class T> T read_value(std::ifstream& in)
{
    T value{};
    in.read(reinterpret_cast<char*>(&value), sizeof(T));
    return value;
}

} // namespace

void Session::Impl::run(std::span<const int32_t> more)
{
    last_evaluated = uint32_t(more.size());
    for (size_t done = 0; done < more.size(); done += batch) {
        const std::span<const int32_t> chunk = more.subspan(done, std::min<size_t>(batch, more.size() - done));
        backend->forward(chunk, uint32_t(tokens.size()), logits);
        tokens.insert(tokens.end(), chunk.begin(), chunk.end());
    }
}

Session::Session(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Session::~Session() = default;

uint32_t Session::context_length() const { return m_impl->context; }
const std::vector<int32_t>& Session::tokens() const { return m_impl->tokens; }
void Session::set_keep_tokens(uint32_t count) { m_impl->keep = count; }
uint32_t Session::keep_tokens() const { return m_impl->keep; }
uint32_t Session::last_evaluated() const { return m_impl->last_evaluated; }

void Session::clear()
{
    m_impl->tokens.clear();
}

std::span<const float> Session::evaluate(std::span<const int32_t> prompt)
{
    Impl& s = *m_impl;
    if (prompt.empty())
        throw Error("cannot evaluate an empty prompt");
    if (prompt.size() > s.context)
        throw Error("the prompt has " + std::to_string(prompt.size()) + " tokens, more than the context of " +
                    std::to_string(s.context));
    const auto mismatch = std::mismatch(s.tokens.begin(), s.tokens.end(), prompt.begin(), prompt.end());
    const size_t common = std::min(size_t(mismatch.first - s.tokens.begin()), prompt.size() - 1);
    s.tokens.resize(common);
    s.run(prompt.subspan(common));
    return s.logits;
}

std::span<const float> Session::append(std::span<const int32_t> more)
{
    Impl& s = *m_impl;
    if (more.empty())
        throw Error("cannot append no tokens");
    if (s.tokens.size() + more.size() <= s.context) {
        s.run(more);
        return s.logits;
    }
    // Context full: drop the oldest tokens after the kept start (at least half of them, so this
    // happens rarely) and rebuild the cache from what remains; the kept start is reused as is.
    std::vector<int32_t> all = s.tokens;
    all.insert(all.end(), more.begin(), more.end());
    const size_t keep = std::min<size_t>(s.keep, s.context / 2);
    const size_t needed = all.size() - s.context;
    const size_t half = (s.tokens.size() > keep ? s.tokens.size() - keep : 0) / 2;
    const size_t drop = std::min(all.size() - keep - 1, std::max(needed, half));
    all.erase(all.begin() + ptrdiff_t(keep), all.begin() + ptrdiff_t(keep + drop));
    if (all.size() > s.context) // more new tokens than the context holds: keep the newest
        all.erase(all.begin() + ptrdiff_t(keep), all.end() - ptrdiff_t(s.context - keep));
    return evaluate(all);
}

void Session::save(const std::string& path) const
{
    const Impl& s = *m_impl;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write the session state to " + path);
    const std::string format = s.model.backend->cache_format();
    const std::vector<uint8_t> cache = s.backend->save_cache(uint32_t(s.tokens.size()));
    out.write(kStateMagic, sizeof kStateMagic);
    write_value(out, uint32_t(format.size()));
    out.write(format.data(), std::streamsize(format.size()));
    write_value(out, uint64_t(s.model.file.file_size()));
    write_value(out, s.model.config.vocab_size);
    write_value(out, s.model.config.layer_count);
    write_value(out, s.keep);
    write_value(out, uint32_t(s.tokens.size()));
    out.write(reinterpret_cast<const char*>(s.tokens.data()), std::streamsize(s.tokens.size() * sizeof(int32_t)));
    out.write(reinterpret_cast<const char*>(s.logits.data()), std::streamsize(s.logits.size() * sizeof(float)));
    write_value(out, uint64_t(cache.size()));
    out.write(reinterpret_cast<const char*>(cache.data()), std::streamsize(cache.size()));
    if (!out.flush())
        throw Error("could not write the whole session state to " + path + " (disk full?)");
}

void Session::restore(const std::string& path)
{
    Impl& s = *m_impl;
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error("cannot open the session state " + path);
    const uint64_t total = uint64_t(in.tellg());
    in.seekg(0);
    const std::string damaged = "the session state " + path + " is damaged or from another version";
    char magic[sizeof kStateMagic] = {};
    in.read(magic, sizeof magic);
    if (!in || std::memcmp(magic, kStateMagic, sizeof magic) != 0)
        throw Error(damaged);
    const uint32_t format_size = read_value<uint32_t>(in);
    if (!in || format_size > 64)
        throw Error(damaged);
    std::string format(format_size, '\0');
    in.read(format.data(), format_size);
    const uint64_t file_size = read_value<uint64_t>(in);
    const uint32_t vocab = read_value<uint32_t>(in);
    const uint32_t layers = read_value<uint32_t>(in);
    const uint32_t keep = read_value<uint32_t>(in);
    const uint32_t count = read_value<uint32_t>(in);
    if (!in || uint64_t(count) * 4 + uint64_t(vocab) * 4 > total)
        throw Error(damaged);
    if (format != s.model.backend->cache_format() || file_size != s.model.file.file_size() ||
        vocab != s.model.config.vocab_size || layers != s.model.config.layer_count)
        throw Error("the session state " + path + " was saved with another model or device");
    if (count > s.context)
        throw Error("the session state " + path + " holds " + std::to_string(count) +
                    " tokens, more than this session's context of " + std::to_string(s.context));
    std::vector<int32_t> tokens(count);
    in.read(reinterpret_cast<char*>(tokens.data()), std::streamsize(count * sizeof(int32_t)));
    std::vector<float> logits(vocab);
    in.read(reinterpret_cast<char*>(logits.data()), std::streamsize(vocab * sizeof(float)));
    const uint64_t cache_size = read_value<uint64_t>(in);
    if (!in || cache_size > total - uint64_t(in.tellg()))
        throw Error(damaged);
    std::vector<uint8_t> cache(cache_size);
    in.read(reinterpret_cast<char*>(cache.data()), std::streamsize(cache_size));
    if (!in)
        throw Error(damaged);
    s.backend->restore_cache(cache, count);
    s.tokens = std::move(tokens);
    s.logits = std::move(logits);
    s.keep = keep;
}

} // namespace hearth
