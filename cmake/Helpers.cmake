set(RUNGS_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
# Extra options for the modules' libraries only, after the build type's: the
# sanitized stage builds everything at -O0 (half the compile time) but the
# modules, where the tests spend their time, at -O1 (scripts/sanitize.sh).
set(RUNGS_MODULE_COMPILE_OPTIONS "" CACHE STRING "compile options added to the module libraries")

# rungs_add_module(NAME SOURCES... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Builds module NAME as a static library rungs_NAME with alias rungs::NAME;
# its public headers live in NAME/include/rungs/NAME/.
function(rungs_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(rungs_${name} STATIC ${ARG_SOURCES})
  add_library(rungs::${name} ALIAS rungs_${name})
  target_include_directories(rungs_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(rungs_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_options(rungs_${name} PRIVATE ${RUNGS_WARNINGS} ${RUNGS_MODULE_COMPILE_OPTIONS})
endfunction()

# rungs_add_test(NAME SOURCES... DEPS ... [LABEL label] [PROPERTIES ...]): one
# doctest binary per module; LABEL (default "unit") lets a developer run a part
# (`ctest -L unit`); PROPERTIES are CTest properties for each of its tests.
function(rungs_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  # doctest's main() is compiled once for every test binary (about 8 s each).
  if(NOT TARGET rungs_doctest_main)
    add_library(rungs_doctest_main OBJECT ${PROJECT_SOURCE_DIR}/tests/doctest_main.cpp)
    target_link_libraries(rungs_doctest_main PRIVATE doctest::doctest)
  endif()
  add_executable(${name}_test ${ARG_SOURCES} $<TARGET_OBJECTS:rungs_doctest_main>)
  target_link_libraries(${name}_test PRIVATE ${ARG_DEPS} doctest::doctest)
  target_compile_options(${name}_test PRIVATE ${RUNGS_WARNINGS})
  target_compile_definitions(${name}_test PRIVATE
    RUNGS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    RUNGS_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures")
  doctest_discover_tests(${name}_test TEST_PREFIX "${name}: " PROPERTIES LABELS ${ARG_LABEL} ${ARG_PROPERTIES})
endfunction()
