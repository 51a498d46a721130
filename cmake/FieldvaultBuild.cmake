# Shared build settings: warnings, hardening, sanitizers, and the module include rule.

include(CheckPIESupported)
check_pie_supported()

add_library(fv_build_flags INTERFACE)
target_compile_options(fv_build_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual
    -fstack-protector-strong -fno-plt
    $<$<BOOL:${FV_WERROR}>:-Werror>
    $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
target_compile_definitions(fv_build_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_STRICT_ITERATORS
    FV_VERSION="${PROJECT_VERSION}")
target_link_options(fv_build_flags INTERFACE -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)

if(FV_SANITIZE)
    # GCC 12 reports false maybe-uninitialized warnings inside libstdc++ under ASan.
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
                        $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
    add_link_options(-fsanitize=address,undefined)
endif()

# Each module is reachable only as "module/Header.h", and only by targets that link it:
# a module's headers are staged under build/include-stage/<module>/<module> and that folder
# is a PUBLIC include directory of the module's target alone. So storage/ cannot include
# core/ (it does not link it), and a wrong include fails to build.
# Fuzz builds instrument every library, not only the fuzz entry points, so coverage guides the
# fuzzer through the parsers. clang 16 implements conditionally trivial special members
# (P0848) but still reports an older __cpp_concepts, which hides libstdc++ 12's std::expected;
# the define below states what the compiler does support.
if(FV_BUILD_FUZZERS)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        $<$<COMPILE_LANGUAGE:CXX>:-D__cpp_concepts=202002L> -Wno-macro-redefined)
endif()

function(fv_module_headers target module)
    set(stage ${CMAKE_BINARY_DIR}/include-stage/${module})
    file(MAKE_DIRECTORY ${stage})
    if(NOT EXISTS ${stage}/${module})
        file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${module} ${stage}/${module} SYMBOLIC)
    endif()
    target_include_directories(${target} PUBLIC ${stage})
endfunction()
