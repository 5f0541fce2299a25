package ${package};

import org.pf4j.Plugin;

/** The PF4J plugin holding {@link ${connectorClass}Connector}; it has nothing to start or stop. */
public class ${connectorClass}Plugin extends Plugin {
    public ${connectorClass}Plugin() {
        super();
    }
}
