// withRule=false: drop the custom rule (its Java sources and test) and the descriptor that uses it.
// withRule=true: the descriptor of src/rule-variant replaces the plain one. Either way src/rule-variant goes.
// (cityeval new-model does the same when it expands these resources itself.)
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption

Path root = Paths.get(request.outputDirectory, request.artifactId)
Properties p = request.properties
boolean withRule = Boolean.parseBoolean(p.getProperty('withRule', 'false'))
String modelId = p.getProperty('modelId')
Path variant = root.resolve('src/rule-variant/' + modelId + '.json')
Path descriptor = root.resolve('src/main/resources/OSGI-INF/cityeval/models/' + modelId + '.json')
def deleteTree = { Path dir ->
    if (Files.exists(dir)) {
        Files.walk(dir).sorted(Comparator.reverseOrder()).forEach { Files.delete(it) }
    }
}
if (withRule) {
    Files.move(variant, descriptor, StandardCopyOption.REPLACE_EXISTING)
} else {
    deleteTree(root.resolve('src/main/java'))
    Files.walk(root.resolve('src/test/java')).filter { it.fileName.toString().endsWith('RuleTest.java') }
            .collect().each { Files.delete(it) }
}
deleteTree(root.resolve('src/rule-variant'))
