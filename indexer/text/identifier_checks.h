// IdentifierChecks: the check digits and number rules that tell a personal identifier from any
// other run of digits of the same shape (card numbers, IBANs, national ids). Each takes the
// identifier's letters and digits only, separators removed.
#pragma once

#include <string_view>

namespace kb::identifier_checks {

bool luhn(std::string_view digits);                     // ISO/IEC 7812: cards, Swedish personnummer
bool iban(std::string_view compact);                    // ISO 13616 mod 97
bool us_ssn(std::string_view digits);                   // 9 digits, no area 000, 666, 9xx, group 00 or serial 0000
bool uk_national_insurance(std::string_view compact);   // "AB123456C", HMRC's prefix rules
bool spanish_dni(std::string_view compact);             // 8 digits and the mod-23 letter (NIE: X, Y or Z first)
bool polish_pesel(std::string_view digits);             // 11 digits, date and weighted check digit
bool german_tax_id(std::string_view digits);            // Steuer-ID: 11 digits, ISO 7064 MOD 11,10
bool aadhaar(std::string_view digits);                  // 12 digits, first not 0 or 1, Verhoeff check
bool swedish_personnummer(std::string_view digits);     // YYMMDDNNNN, date and Luhn
bool dutch_bsn(std::string_view digits);                // 9 digits, the "11-proof"
bool italian_codice_fiscale(std::string_view compact);  // 16 letters and digits, birth date and the check letter
bool brazilian_cpf(std::string_view digits);            // 11 digits, two mod-11 check digits
bool french_nir(std::string_view digits);               // numéro de sécurité sociale: 13 digits and a mod-97 key
bool belgian_national_number(std::string_view digits);  // YYMMDD, serial and a mod-97 check (born 2000+ prefixed 2)
bool irish_ppsn(std::string_view compact);              // 7 digits and one or two letters, mod 23
bool portuguese_nif(std::string_view digits);           // 9 digits, mod 11
bool turkish_identity(std::string_view digits);         // T.C. kimlik no: 11 digits, two check digits
bool czech_birth_number(std::string_view digits);       // rodné číslo: YYMMDD and 4 digits, divisible by 11
bool swiss_ahv(std::string_view digits);                // 756 and 10 digits, EAN-13 check
bool hungarian_tax_id(std::string_view digits);         // adóazonosító jel: 8 and 9 digits, mod 11
bool australian_tfn(std::string_view digits);           // tax file number: 9 digits, weighted mod 11
bool canadian_sin(std::string_view digits);             // social insurance number: 9 digits, Luhn

}  // namespace kb::identifier_checks
