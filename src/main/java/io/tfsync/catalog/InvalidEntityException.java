package io.tfsync.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An entity that breaks Backstage's rules. The message lists every problem with the path of its
 * field, so one error report fixes them all.
 */
public final class InvalidEntityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String entity;
    private final transient List<EntityProblem> problems;

    /**
     * @param entity how to name the entity in the message, such as its ref
     * @param problems at least one problem
     */
    public InvalidEntityException(String entity, List<EntityProblem> problems) {
        super(message(entity, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid entity needs at least one problem");
        }
        this.entity = entity;
        this.problems = List.copyOf(problems);
    }

    /** How the entity is named in the message. */
    public String entity() {
        return entity;
    }

    /** Every problem found, in the order the fields were checked. */
    public List<EntityProblem> problems() {
        return problems;
    }

    private static String message(String entity, List<EntityProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "Invalid entity " + entity + " (" + count + "): "
                + problems.stream().map(EntityProblem::toString).collect(Collectors.joining("; "));
    }
}
