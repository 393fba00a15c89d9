#include "indexer/text/identifier_checks.h"

#include <algorithm>
#include <array>
#include <string>

namespace kb::identifier_checks {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int digit(char c) { return c - '0'; }
int number(std::string_view digits) {
    int n = 0;
    for (const char c : digits) n = n * 10 + digit(c);
    return n;
}

}  // namespace

bool luhn(std::string_view digits) {
    if (!all_digits(digits)) return false;
    int sum = 0, position = 0;
    for (auto i = digits.size(); i-- > 0;) {
        int d = digit(digits[i]);
        if (position++ % 2 == 1 && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    return sum % 10 == 0;
}

bool iban(std::string_view compact) {
    if (compact.size() < 15 || compact.size() > 34) return false;
    std::string rotated(compact.substr(4));
    rotated += compact.substr(0, 4);
    int remainder = 0;
    for (const char c : rotated) {
        int value;
        if (c >= '0' && c <= '9')
            value = digit(c);
        else if (c >= 'A' && c <= 'Z')
            value = c - 'A' + 10;
        else
            return false;
        remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
    }
    return remainder == 1;
}

bool us_ssn(std::string_view digits) {
    if (digits.size() != 9 || !all_digits(digits)) return false;
    const int area = number(digits.substr(0, 3));
    return area != 0 && area != 666 && area < 900 && number(digits.substr(3, 2)) != 0 &&
           number(digits.substr(5, 4)) != 0;
}

bool uk_national_insurance(std::string_view s) {
    if (s.size() != 9 || !all_digits(s.substr(2, 6)) || s[8] < 'A' || s[8] > 'D') return false;
    constexpr std::string_view kNeverFirst = "DFIQUV", kNeverSecond = "DFIOQUV";
    if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z') return false;
    if (kNeverFirst.find(s[0]) != std::string_view::npos || kNeverSecond.find(s[1]) != std::string_view::npos)
        return false;
    constexpr std::array<std::string_view, 7> kUnused{"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
    return std::find(kUnused.begin(), kUnused.end(), s.substr(0, 2)) == kUnused.end();
}

bool spanish_dni(std::string_view s) {
    if (s.size() != 9) return false;
    std::string digits(s.substr(0, 8));
    if (digits[0] == 'X' || digits[0] == 'Y' || digits[0] == 'Z')
        digits[0] = static_cast<char>('0' + (digits[0] - 'X'));
    if (!all_digits(digits)) return false;
    constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    return s[8] == kLetters[static_cast<std::size_t>(number(digits) % 23)];
}

bool polish_pesel(std::string_view digits) {
    if (digits.size() != 11 || !all_digits(digits)) return false;
    const int month = number(digits.substr(2, 2)) % 20, day = number(digits.substr(4, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    constexpr std::array<int, 10> kWeights{1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) sum += digit(digits[i]) * kWeights[i];
    return (10 - sum % 10) % 10 == digit(digits[10]);
}

bool german_tax_id(std::string_view digits) {
    if (digits.size() != 11 || !all_digits(digits) || digits[0] == '0') return false;
    int product = 10;
    for (std::size_t i = 0; i < 10; ++i) {
        int sum = (digit(digits[i]) + product) % 10;
        if (sum == 0) sum = 10;
        product = (2 * sum) % 11;
    }
    const int check = 11 - product;
    return (check == 10 ? 0 : check) == digit(digits[10]);
}

bool aadhaar(std::string_view digits) {
    if (digits.size() != 12 || !all_digits(digits) || digits[0] < '2') return false;
    // Verhoeff's dihedral-group tables: multiplication and position permutation.
    static constexpr int kMultiply[10][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                              {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                              {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                              {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                              {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    static constexpr int kPermute[8][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                            {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                            {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    int check = 0;
    for (std::size_t i = 0; i < digits.size(); ++i)
        check = kMultiply[check][kPermute[i % 8][digit(digits[digits.size() - 1 - i])]];
    return check == 0;
}

bool swedish_personnummer(std::string_view digits) {
    if (digits.size() != 10 || !all_digits(digits)) return false;
    const int month = number(digits.substr(2, 2)), day = number(digits.substr(4, 2)) % 60;  // +60: coordination number
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(digits);
}

bool dutch_bsn(std::string_view digits) {
    if (digits.size() != 9 || !all_digits(digits)) return false;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) sum += digit(digits[i]) * static_cast<int>(9 - i);
    sum -= digit(digits[8]);
    return sum % 11 == 0 && sum != 0;
}

bool italian_codice_fiscale(std::string_view compact) {
    // Surname and name letters, birth year, month letter, day (+40 for women), place code.
    constexpr std::string_view kShape = "AAAAAA99M99A999A", kMonths = "ABCDEHLMPRST";
    if (compact.size() != kShape.size()) return false;
    for (std::size_t i = 0; i < kShape.size(); ++i) {
        const char c = compact[i];
        const bool fits = kShape[i] == '9'   ? c >= '0' && c <= '9'
                          : kShape[i] == 'M' ? kMonths.find(c) != std::string_view::npos
                                             : c >= 'A' && c <= 'Z';
        if (!fits) return false;
    }
    const int day = number(compact.substr(9, 2)) % 40;
    if (day < 1 || day > 31) return false;
    // The values of characters in odd places (first, third...); even places count 0-9 and A=0...Z=25.
    static constexpr std::array<int, 26> kOdd{1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                              20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
    int sum = 0;
    for (std::size_t i = 0; i < 15; ++i) {
        const char c = compact[i];
        const int index = c >= 'A' ? c - 'A' : digit(c);
        sum += i % 2 == 0 ? kOdd[static_cast<std::size_t>(index)] : index;
    }
    return compact[15] == 'A' + sum % 26;
}

bool brazilian_cpf(std::string_view digits) {
    if (digits.size() != 11 || !all_digits(digits)) return false;
    if (std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; })) return false;
    for (std::size_t checked = 9; checked <= 10; ++checked) {
        int sum = 0;
        for (std::size_t i = 0; i < checked; ++i) sum += digit(digits[i]) * static_cast<int>(checked + 1 - i);
        const int check = sum * 10 % 11 % 10;
        if (check != digit(digits[checked])) return false;
    }
    return true;
}

bool french_nir(std::string_view digits) {
    if (digits.size() != 15 || !all_digits(digits) || (digits[0] != '1' && digits[0] != '2')) return false;
    const int month = number(digits.substr(3, 2));
    if (month < 1 || (month > 12 && month < 20)) return false;  // 20+ and 99: unknown birth month
    long long body = 0;
    for (std::size_t i = 0; i < 13; ++i) body = body * 10 + digit(digits[i]);
    return 97 - body % 97 == number(digits.substr(13, 2));
}

bool belgian_national_number(std::string_view digits) {
    if (digits.size() != 11 || !all_digits(digits)) return false;
    const int month = number(digits.substr(2, 2)), day = number(digits.substr(4, 2));
    if (month > 12 || day > 31) return false;
    long long body = 0;
    for (std::size_t i = 0; i < 9; ++i) body = body * 10 + digit(digits[i]);
    const int check = number(digits.substr(9, 2));
    return 97 - body % 97 == check || 97 - (2000000000LL + body) % 97 == check;
}

bool irish_ppsn(std::string_view compact) {
    if (compact.size() != 8 && compact.size() != 9) return false;
    if (!all_digits(compact.substr(0, 7))) return false;
    const auto letter_value = [](char c) { return c == 'W' ? 0 : c - 'A' + 1; };
    const char check = compact[7];
    if (check < 'A' || check > 'W') return false;
    int sum = 0;
    for (std::size_t i = 0; i < 7; ++i) sum += digit(compact[i]) * static_cast<int>(8 - i);
    if (compact.size() == 9) {
        const char second = compact[8];
        if (second != 'W' && (second < 'A' || second > 'I')) return false;
        sum += 9 * letter_value(second);
    }
    return letter_value(check) == sum % 23;
}

bool portuguese_nif(std::string_view digits) {
    if (digits.size() != 9 || !all_digits(digits) || digits[0] == '0') return false;
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) sum += digit(digits[i]) * static_cast<int>(9 - i);
    const int check = 11 - sum % 11;
    return (check >= 10 ? 0 : check) == digit(digits[8]);
}

bool turkish_identity(std::string_view digits) {
    if (digits.size() != 11 || !all_digits(digits) || digits[0] == '0') return false;
    int odd = 0, even = 0, first_ten = 0;
    for (std::size_t i = 0; i < 9; ++i) (i % 2 == 0 ? odd : even) += digit(digits[i]);
    for (std::size_t i = 0; i < 10; ++i) first_ten += digit(digits[i]);
    return ((odd * 7 - even) % 10 + 10) % 10 == digit(digits[9]) && first_ten % 10 == digit(digits[10]);
}

bool czech_birth_number(std::string_view digits) {
    if (digits.size() != 10 || !all_digits(digits)) return false;
    // Women's months are +50; +20 when a day's numbers ran out.
    const int month = number(digits.substr(2, 2)) % 50 % 20, day = number(digits.substr(4, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    long long value = 0;
    for (const char c : digits) value = value * 10 + digit(c);
    return value % 11 == 0 || (number(digits.substr(0, 9)) % 11 == 10 && digits[9] == '0');
}

bool swiss_ahv(std::string_view digits) {
    if (digits.size() != 13 || !all_digits(digits) || digits.substr(0, 3) != "756") return false;
    int sum = 0;
    for (std::size_t i = 0; i < 13; ++i) sum += digit(digits[i]) * (i % 2 == 0 ? 1 : 3);
    return sum % 10 == 0;
}

bool hungarian_tax_id(std::string_view digits) {
    if (digits.size() != 10 || !all_digits(digits) || digits[0] != '8') return false;
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) sum += digit(digits[i]) * static_cast<int>(i + 1);
    return sum % 11 == digit(digits[9]);
}

bool australian_tfn(std::string_view digits) {
    if (digits.size() != 9 || !all_digits(digits)) return false;
    constexpr std::array<int, 9> kWeights{1, 4, 3, 7, 5, 8, 6, 9, 10};
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) sum += digit(digits[i]) * kWeights[i];
    return sum % 11 == 0;
}

bool canadian_sin(std::string_view digits) {
    return digits.size() == 9 && digits[0] != '0' && digits[0] != '8' && luhn(digits);
}

}  // namespace kb::identifier_checks
