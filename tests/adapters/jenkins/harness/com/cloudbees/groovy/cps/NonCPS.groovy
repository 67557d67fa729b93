// Stand-in for Jenkins' @NonCPS (workflow-cps): outside Jenkins nothing is
// CPS-transformed, so the annotation only has to exist for the library to compile.
package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.METHOD, ElementType.CONSTRUCTOR])
@interface NonCPS {
}
