#include "strftime.h"

#include <cstdio>

namespace hearth::jinja {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long days_from_civil(int year, int month, int day)
{
    year -= month <= 2;
    const long era = (year >= 0 ? year : year - 399) / 400;
    const long year_of_era = year - era * 400;
    const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

int weekday(const DateTime& t)
{
    const long days = days_from_civil(t.year, t.month, t.day);
    return static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday (4)
}

int day_of_year(const DateTime& t)
{
    return static_cast<int>(days_from_civil(t.year, t.month, t.day) - days_from_civil(t.year, 1, 1)) + 1;
}

} // namespace

std::string format_time(const DateTime& t, std::string_view format)
{
    std::string out;
    const int month = (t.month >= 1 && t.month <= 12) ? t.month - 1 : 0;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        char spec = format[++i];
        bool no_padding = false;
        if (spec == '-' && i + 1 < format.size()) {
            no_padding = true;
            spec = format[++i];
        }
        const auto number = [&](int value, int width) {
            char text[32];
            if (no_padding)
                std::snprintf(text, sizeof text, "%d", value);
            else
                std::snprintf(text, sizeof text, "%0*d", width, value);
            out += text;
        };
        const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
        switch (spec) {
        case 'Y':
            number(t.year, 4);
            break;
        case 'y':
            number(t.year % 100, 2);
            break;
        case 'm':
            number(t.month, 2);
            break;
        case 'd':
            number(t.day, 2);
            break;
        case 'e': {
            char text[8];
            std::snprintf(text, sizeof text, no_padding ? "%d" : "%2d", t.day);
            out += text;
            break;
        }
        case 'H':
            number(t.hour, 2);
            break;
        case 'I':
            number(hour12, 2);
            break;
        case 'M':
            number(t.minute, 2);
            break;
        case 'S':
            number(t.second, 2);
            break;
        case 'j':
            number(day_of_year(t), 3);
            break;
        case 'p':
            out += t.hour < 12 ? "AM" : "PM";
            break;
        case 'B':
            out += kMonths[month];
            break;
        case 'b':
        case 'h':
            out += std::string(kMonths[month]).substr(0, 3);
            break;
        case 'A':
            out += kWeekdays[weekday(t)];
            break;
        case 'a':
            out += std::string(kWeekdays[weekday(t)]).substr(0, 3);
            break;
        case 'w':
            number(weekday(t), 1);
            break;
        case 'F': {
            char text[32];
            std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.year, t.month, t.day);
            out += text;
            break;
        }
        case 'T': {
            char text[32];
            std::snprintf(text, sizeof text, "%02d:%02d:%02d", t.hour, t.minute, t.second);
            out += text;
            break;
        }
        case '%':
            out += '%';
            break;
        default:
            out += '%';
            if (no_padding)
                out += '-';
            out += spec;
        }
    }
    return out;
}

} // namespace hearth::jinja
