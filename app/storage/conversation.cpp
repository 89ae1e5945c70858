#include "conversation.h"

namespace {
constexpr const char* kRoleNames[] = {"system", "user", "assistant"};
constexpr const char* kTitleSourceNames[] = {"auto", "model", "user"};

template <typename Enum, std::size_t N>
bool fromName(const char* const (&names)[N], const QString& name, Enum* value)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i])) {
            *value = Enum(i);
            return true;
        }
    }
    return false;
}
} // namespace

QString roleName(Role role)
{
    return QLatin1String(kRoleNames[int(role)]);
}

bool roleFromName(const QString& name, Role* role)
{
    return fromName(kRoleNames, name, role);
}

QString titleSourceName(TitleSource source)
{
    return QLatin1String(kTitleSourceNames[int(source)]);
}

bool titleSourceFromName(const QString& name, TitleSource* source)
{
    return fromName(kTitleSourceNames, name, source);
}
