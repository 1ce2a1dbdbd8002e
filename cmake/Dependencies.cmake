# Every dependency is a Debian 12 package (scripts/deps.txt lists them).
find_package(PkgConfig REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(fmt 9 REQUIRED)
find_package(CLI11 REQUIRED)
# Debian's cmark CMake config also demands /usr/bin/cmark (package cmark); pkg-config does not.
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
# gumbo (libgumbo-dev): the HTML5 parser for ladders published as HTML.
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)

# Xapian 1.4's xapian-config.cmake sets variables only; wrap them in a target.
find_package(xapian REQUIRED)
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

# WordNet 3.0 (wordnet-dev, wordnet-base): the dictionary files are read directly.
set(RUNGS_WORDNET_DIR "/usr/share/wordnet" CACHE PATH "WordNet 3.0 dictionary directory (wordnet-base)")
# The OpenOffice thesaurus (mythes-en-us): its index and data files are read directly.
set(RUNGS_MYTHES_DIR "/usr/share/mythes" CACHE PATH "OpenOffice English thesaurus directory (mythes-en-us)")

if(RUNGS_BUILD_TESTS)
  find_package(doctest REQUIRED)
  include(doctest)
endif()
