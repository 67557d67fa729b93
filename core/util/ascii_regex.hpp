// std::regex with traits that do not consult the locale on every character.
//
// libstdc++'s std::regex_traits<char> looks up the locale's ctype facet
// (use_facet: a dynamic_cast and a string compare) each time a
// case-insensitive pattern compares a character, and each time `\b` asks
// whether a character is a word character. On the secret scanner's hot path
// that lookup was about a third of all CPU time. AsciiRegexTraits answers the
// same questions from tables filled once from the classic "C" locale, which is
// what the scanner's patterns mean anyway (they match bytes, not text in a
// locale). The regex engine itself is the standard library's, unchanged.
// One difference: libstdc++ folds case in back-references for
// std::regex_traits only, so here they compare bytes exactly even with icase
// (the scanner's patterns have none: Vectorscan rejects back-references).
#pragma once

#include <array>
#include <locale>
#include <regex>

namespace slipway::util {

class AsciiRegexTraits : public std::regex_traits<char> {
 public:
  using Base = std::regex_traits<char>;

  AsciiRegexTraits();

  locale_type imbue(locale_type locale);
  [[nodiscard]] char translate_nocase(char c) const { return m_lower[static_cast<unsigned char>(c)]; }
  [[nodiscard]] bool isctype(char c, char_class_type mask) const;

  // "w", "s" and "d" (what \w \s \d \b ask for) come from a cache; other
  // class names ([[:alpha:]] ...) go to the standard lookup.
  template <typename Iterator>
  char_class_type lookup_classname(Iterator first, Iterator last, bool icase = false) const {
    if (first != last && std::next(first) == last) {
      switch (*first) {
        case 'w':
          return m_word;
        case 's':
          return m_space;
        case 'd':
          return m_digit;
        default:
          break;
      }
    }
    return Base::lookup_classname(first, last, icase);
  }

 private:
  void refresh();

  const std::ctype<char>* m_ctype = nullptr;
  std::array<char, 256> m_lower{};
  char_class_type m_word;
  char_class_type m_space;
  char_class_type m_digit;
};

using AsciiRegex = std::basic_regex<char, AsciiRegexTraits>;

}  // namespace slipway::util
