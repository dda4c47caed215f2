# gosemConformance.cmake: register gosem's conformance suite against a runtime's adapter.
#
#   find_package(gosem REQUIRED)          # brings this file in when the suite was installed
#   gosem_add_conformance(NAME my_runtime
#                         ADAPTER ${CMAKE_CURRENT_SOURCE_DIR}/my_adapter.hpp
#                         TARGET my::runtime
#                         [EXPECTATIONS ${CMAKE_CURRENT_SOURCE_DIR}/my_runtime.known]
#                         [RESULTS_DIR <dir>])
#
# builds the runner `conformance_<NAME>` (every case instantiated for the adapter, linked with
# TARGET) and adds one ctest test per case, `conformance.<NAME>.<CASE-ID>`, labelled
# `conformance`, `conformance_<NAME>` and the case's area (chan, select, close, nil, range,
# direction, deadlock, sync, context, time, sched, notes). A case the adapter cannot express is
# skipped (UNSUPPORTED). Each test writes <RESULTS_DIR>/<CASE-ID>.json for tools/conformance.py
# (default RESULTS_DIR: <build>/conformance-results/<NAME>). The adapter's format is in the
# suite's CASES.md.
include_guard(GLOBAL)

# Where the suite is: beside this file in a source tree, else share/gosem/conformance under the
# install prefix (found upwards from lib/cmake/gosem or lib/<arch>/cmake/gosem). Set
# GOSEM_CONFORMANCE_DIR to override.
if(NOT DEFINED GOSEM_CONFORMANCE_DIR)
  if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/../conformance/CASES.md")
    set(GOSEM_CONFORMANCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../conformance")
  else()
    set(_gosem_prefix "${CMAKE_CURRENT_LIST_DIR}")
    foreach(_gosem_level RANGE 4)
      get_filename_component(_gosem_prefix "${_gosem_prefix}" DIRECTORY)
      if(EXISTS "${_gosem_prefix}/share/gosem/conformance/CASES.md")
        set(GOSEM_CONFORMANCE_DIR "${_gosem_prefix}/share/gosem/conformance")
        break()
      endif()
    endforeach()
    if(NOT DEFINED GOSEM_CONFORMANCE_DIR)
      message(FATAL_ERROR "gosemConformance: cannot find share/gosem/conformance above "
                          "${CMAKE_CURRENT_LIST_DIR}; set GOSEM_CONFORMANCE_DIR")
    endif()
  endif()
endif()
get_filename_component(GOSEM_CONFORMANCE_DIR "${GOSEM_CONFORMANCE_DIR}" ABSOLUTE)

# "CH_SND_06_parked" -> "CH-SND-06.parked", as case.hpp derives a case id from its identifier.
function(_gosem_conformance_case_id identifier out_var)
  string(REPLACE "_" ";" words "${identifier}")
  set(id "")
  set(in_variant FALSE)
  foreach(word IN LISTS words)
    if(id STREQUAL "")
      set(id "${word}")
    elseif(NOT in_variant AND word MATCHES "^[a-z]")
      set(in_variant TRUE)
      string(APPEND id ".${word}")
    else()
      string(APPEND id "-${word}")
    endif()
  endforeach()
  set(${out_var} "${id}" PARENT_SCOPE)
endfunction()

# The runner's shared parts, built once per project.
function(_gosem_conformance_core)
  if(TARGET gosem_conformance_core)
    return()
  endif()
  set(dir "${GOSEM_CONFORMANCE_DIR}/runner")
  add_library(gosem_conformance_core OBJECT
    ${dir}/child.cpp ${dir}/known_failures.cpp ${dir}/main.cpp ${dir}/registry.cpp
    ${dir}/result_json.cpp ${dir}/runs.cpp ${dir}/verdict.cpp)
  target_include_directories(gosem_conformance_core PUBLIC "${GOSEM_CONFORMANCE_DIR}/include")
  target_compile_features(gosem_conformance_core PUBLIC cxx_std_20)
endfunction()

function(gosem_add_conformance)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;ADAPTER;TARGET;EXPECTATIONS;RESULTS_DIR" "")
  foreach(required NAME ADAPTER TARGET)
    if(NOT arg_${required})
      message(FATAL_ERROR "gosem_add_conformance: ${required} is required")
    endif()
  endforeach()
  if(NOT arg_NAME MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "gosem_add_conformance: NAME must be letters, digits and _")
  endif()
  get_filename_component(adapter "${arg_ADAPTER}" ABSOLUTE)
  if(NOT EXISTS "${adapter}")
    message(FATAL_ERROR "gosem_add_conformance: no adapter header ${adapter}")
  endif()
  set(expectations_args "")
  if(arg_EXPECTATIONS)
    get_filename_component(expectations "${arg_EXPECTATIONS}" ABSOLUTE)
    set(expectations_args --expectations "${expectations}")
  endif()
  set(results "${CMAKE_BINARY_DIR}/conformance-results/${arg_NAME}")
  if(arg_RESULTS_DIR)
    set(results "${arg_RESULTS_DIR}")
  endif()
  file(MAKE_DIRECTORY "${results}")

  _gosem_conformance_core()
  set(runner conformance_${arg_NAME})
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/${runner}_generated")

  # One translation unit per case file (compile-fail files, one case each, share one), each
  # instantiating its cases for the adapter.
  file(GLOB case_files CONFIGURE_DEPENDS "${GOSEM_CONFORMANCE_DIR}/cases/*.hpp")
  file(GLOB compile_fail_files CONFIGURE_DEPENDS
       "${GOSEM_CONFORMANCE_DIR}/cases/compile_fail/*.hpp")
  set(sources "")
  foreach(f IN LISTS case_files)
    get_filename_component(stem "${f}" NAME_WE)
    file(CONFIGURE OUTPUT "${gen}/cases_${stem}.cpp" CONTENT
"#include \"${adapter}\"
#include \"gosem_conformance/registry.hpp\"
#include \"${f}\"
" @ONLY)
    list(APPEND sources "${gen}/cases_${stem}.cpp")
  endforeach()
  set(compile_fail_tu "#include \"${adapter}\"\n#include \"gosem_conformance/registry.hpp\"\n")
  foreach(f IN LISTS compile_fail_files)
    string(APPEND compile_fail_tu "#include \"${f}\"\n")
  endforeach()
  file(CONFIGURE OUTPUT "${gen}/cases_compile_fail.cpp" CONTENT "${compile_fail_tu}" @ONLY)
  list(APPEND sources "${gen}/cases_compile_fail.cpp")

  add_executable(${runner} ${sources})
  target_link_libraries(${runner} PRIVATE gosem_conformance_core ${arg_TARGET})

  # A compile-fail case is compiled alone, syntax only, by the runner: the first line is the
  # driver, the rest the compiler command with every include directory and definition the
  # runner itself is compiled with.
  file(CONFIGURE OUTPUT "${gen}/compile_driver.cpp" CONTENT
"#include \"${adapter}\"
#include \"gosem_conformance/registry.hpp\"
#include GOSEM_CONFORMANCE_CASE_FILE
" @ONLY)
  set(std_flag "${CMAKE_CXX20_STANDARD_COMPILE_OPTION}")
  if(NOT std_flag)
    set(std_flag "-std=c++20")
  endif()
  set(incs "$<TARGET_PROPERTY:${runner},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${runner},COMPILE_DEFINITIONS>")
  set(opts "$<TARGET_PROPERTY:${runner},COMPILE_OPTIONS>")
  file(GENERATE OUTPUT "${gen}/compile.rsp" CONTENT
"${gen}/compile_driver.cpp
${CMAKE_CXX_COMPILER}
${std_flag}
-fsyntax-only
$<$<BOOL:${incs}>:-I$<JOIN:${incs},\n-I>\n>$<$<BOOL:${defs}>:-D$<JOIN:${defs},\n-D>\n>$<$<BOOL:${opts}>:$<JOIN:${opts},\n>\n>")

  # One test per case, found in the case files: `GOSEM_CASE(IDENTIFIER,` then its metadata.
  foreach(f IN LISTS case_files compile_fail_files)
    file(READ "${f}" text)
    string(REGEX MATCHALL "\nGOSEM_CASE\\([A-Za-z0-9_]+,[^{]*" declarations "${text}")
    string(REGEX MATCHALL "GOSEM_CASE\\(" mentions "${text}")
    list(LENGTH declarations n_declarations)
    list(LENGTH mentions n_mentions)
    if(NOT n_declarations EQUAL n_mentions)
      message(FATAL_ERROR "${f}: every GOSEM_CASE( must start a line and be followed by its "
                          "identifier and a comma (see CASES.md)")
    endif()
    foreach(decl IN LISTS declarations)
      string(REGEX MATCH "GOSEM_CASE\\(([A-Za-z0-9_]+)," _ "${decl}")
      _gosem_conformance_case_id("${CMAKE_MATCH_1}" id)
      if(NOT decl MATCHES "\\.area = \"([a-z_]+)\"")
        message(FATAL_ERROR "${f}: case ${id} has no .area")
      endif()
      set(area "${CMAKE_MATCH_1}")
      # The runner times each run itself (GOSEM_CONFORMANCE_TIMEOUT_SCALE stretches that);
      # ctest's limit is only a backstop against a runner that hangs.
      set(timeout 1500)
      if(decl MATCHES "flag::slow")
        set(timeout 3600)
      endif()
      set(extra "")
      if(decl MATCHES "does_not_compile\\(")
        set(extra --compile-rsp "${gen}/compile.rsp")
      endif()
      add_test(NAME conformance.${arg_NAME}.${id}
               COMMAND ${runner} --run ${id} --results "${results}" ${expectations_args} ${extra})
      set_tests_properties(conformance.${arg_NAME}.${id} PROPERTIES
        LABELS "conformance;conformance_${arg_NAME};${area}"
        SKIP_RETURN_CODE 77
        TIMEOUT ${timeout})
    endforeach()
  endforeach()
endfunction()
