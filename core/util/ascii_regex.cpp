// Tables for AsciiRegexTraits (see ascii_regex.hpp).
#include "util/ascii_regex.hpp"

namespace slipway::util {

AsciiRegexTraits::AsciiRegexTraits() {
  Base::imbue(std::locale::classic());
  refresh();
}

AsciiRegexTraits::locale_type AsciiRegexTraits::imbue(locale_type locale) {
  locale_type old = Base::imbue(locale);
  refresh();
  return old;
}

void AsciiRegexTraits::refresh() {
  const locale_type locale = getloc();
  m_ctype = &std::use_facet<std::ctype<char>>(locale);
  for (std::size_t i = 0; i < m_lower.size(); ++i) {
    m_lower[i] = m_ctype->tolower(static_cast<char>(i));
  }
  const char word[] = "w";
  const char space[] = "s";
  const char digit[] = "d";
  m_word = Base::lookup_classname(word, word + 1);
  m_space = Base::lookup_classname(space, space + 1);
  m_digit = Base::lookup_classname(digit, digit + 1);
}

bool AsciiRegexTraits::isctype(char c, char_class_type mask) const {
  if (m_ctype->is(mask._M_base, c)) return true;
  return (mask._M_extended & char_class_type::_S_under) != 0 && c == '_';
}

}  // namespace slipway::util
